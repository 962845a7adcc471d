package io.tlsuite.service.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One blocking HTTP/1.1 exchange on the caller's thread, over the JDK's {@link HttpURLConnection}
 * and its kept-alive connections. For calls that a thread makes and waits for anyway (a request
 * thread calling another service, a batch sender, a load generator's worker): measured here, it
 * costs a quarter of the CPU of {@code java.net.http.HttpClient} per request (0.09 vs 0.34 ms,
 * docs/benchmarks.md), which hands every exchange to its selector thread and back.
 */
public final class BlockingHttp {
    /**
     * Idle connections kept per destination. The JDK keeps 5 unless told otherwise, fewer than a
     * service's request threads call the store at once, so the rest would be opened and closed per
     * call. Read once by the JDK, when the first connection is kept: set here only if the process
     * did not set it itself.
     */
    public static final String KEPT_CONNECTIONS = "http.maxConnections";

    static {
        if (System.getProperty(KEPT_CONNECTIONS) == null) {
            System.setProperty(KEPT_CONNECTIONS, "32");
        }
    }

    /** Status, body (never null) and entity tag (null when absent) of an answer. */
    public record Response(int status, byte[] body, String etag) {}

    private final int timeoutMillis;

    public BlockingHttp(Duration timeout) {
        this.timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** Sends {@code body} (null: none) and reads the whole answer, whatever its status. */
    public Response exchange(URI uri, String method, Map<String, String> headers, byte[] body)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        try {
            c.setRequestMethod(method);
            c.setConnectTimeout(timeoutMillis);
            c.setReadTimeout(timeoutMillis);
            c.setUseCaches(false);
            c.setInstanceFollowRedirects(false);
            headers.forEach(c::setRequestProperty);
            if (body != null) {
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = c.getResponseCode();
            // Read to the end (and close) so that the connection goes back to the kept ones.
            byte[] answer;
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                answer = in == null ? new byte[0] : in.readAllBytes();
            }
            return new Response(status, answer, c.getHeaderField("ETag"));
        } catch (IOException | RuntimeException e) {
            c.disconnect(); // a connection that failed mid-exchange is not reused
            throw e;
        }
    }
}
