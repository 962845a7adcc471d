package io.tlsuite.handshake.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for the session store's registration contract ({@code POST /api/v1/sessions}, {@code
 * DELETE /api/v1/sessions/{id}} and, unless left out, {@code POST /api/v1/session-batches}): it
 * records every operation in the order received, as {@code {"register": body}} or {@code {"close":
 * {"id": ...}}}, answers each as the store would (201, 200), and holds every request until {@link
 * #release} opens, so that a test can keep the client's first request in flight.
 */
public final class StandInSessionStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public final List<JsonNode> operations = new CopyOnWriteArrayList<>();
    public final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    public final CountDownLatch release = new CountDownLatch(1);
    public final CountDownLatch firstArrived = new CountDownLatch(1);
    private final HttpServer server;

    public StandInSessionStore(boolean withBatches) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        if (withBatches) {
            server.createContext("/api/v1/session-batches", this::batch);
        }
        server.createContext("/api/v1/sessions", this::single);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The operations received, as "register ID" and "close ID", in order. */
    public List<String> received() {
        return operations.stream()
                .map(
                        op ->
                                op.has("register")
                                        ? "register " + op.path("register").path("id").asText()
                                        : "close " + op.path("close").path("id").asText())
                .toList();
    }

    private void batch(HttpExchange ex) throws IOException {
        hold();
        ArrayNode results = NODES.arrayNode();
        int i = 0;
        for (JsonNode op : JSON.readTree(ex.getRequestBody()).path("operations")) {
            operations.add(op);
            results.addObject().put("index", i++).put("status", op.has("register") ? 201 : 200);
        }
        batchSizes.add(i);
        byte[] answer =
                JSON.writeValueAsBytes(Map.of("succeeded", i, "failed", 0, "results", results));
        ex.sendResponseHeaders(200, answer.length);
        ex.getResponseBody().write(answer);
        ex.close();
    }

    private void single(HttpExchange ex) throws IOException {
        hold();
        boolean register = ex.getRequestMethod().equals("POST");
        ObjectNode op = NODES.objectNode();
        if (register) {
            op.set("register", JSON.readTree(ex.getRequestBody()));
        } else {
            op.putObject("close").put("id", ex.getRequestURI().getPath().replaceFirst(".*/", ""));
        }
        operations.add(op);
        ex.sendResponseHeaders(register ? 201 : 200, -1);
        ex.close();
    }

    private void hold() {
        firstArrived.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
