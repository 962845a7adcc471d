package io.tlsuite.dashboard;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain SSE reader for tests and benchmarks: collects the data lines (or hands each to a
 * listener, as it arrives) and counts the 'dropped' notices.
 */
public final class SseClient implements AutoCloseable {

    private static final Pattern SEQUENCE = Pattern.compile("^\\{\"sequence\":(\\d+)");

    final List<String> data = new CopyOnWriteArrayList<>();
    final List<Long> sequences = new CopyOnWriteArrayList<>();
    final AtomicLong dropped = new AtomicLong();
    private final InputStream body;
    private final Thread reader;
    private final Consumer<String> listener;

    SseClient(String url) throws Exception {
        this(url, null);
    }

    /** With a listener, each data line goes to it on the reader thread instead of into data. */
    public SseClient(String url, Consumer<String> listener) throws Exception {
        this.listener = listener;
        HttpResponse<InputStream> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .header("Accept", "text/event-stream")
                                        .build(),
                                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("stream answered " + r.statusCode());
        }
        body = r.body();
        reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = null;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    String d = line.substring(5).trim();
                    if ("dropped".equals(event)) {
                        dropped.addAndGet(Long.parseLong(d.replaceAll("\\D", "")));
                    } else if (event == null && listener != null) {
                        listener.accept(d);
                    } else if (event == null) {
                        data.add(d);
                        Matcher m = SEQUENCE.matcher(d);
                        if (m.find()) {
                            sequences.add(Long.parseLong(m.group(1)));
                        }
                    }
                } else if (line.isEmpty()) {
                    event = null;
                }
            }
        } catch (Exception e) {
            // closed by the test
        }
    }

    /** Events the server dropped for this viewer because it read too slowly. */
    public long droppedCount() {
        return dropped.get();
    }

    @Override
    public void close() throws Exception {
        body.close();
    }
}
