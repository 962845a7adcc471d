package io.tlsuite.sessionstore.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A peer for the one CA call the session store makes ({@code GET /api/v1/certificates/{serial}}):
 * it knows the serials a test {@link #revoke revoked}, and nothing else (404), as the CA's database
 * would. Shared by every test class of the JVM; the store is pointed at it.
 */
public class TestCaPeer implements QuarkusTestResourceLifecycleManager {

    private static final Set<String> REVOKED = ConcurrentHashMap.newKeySet();
    private static HttpServer server;

    /** Records a genuine revocation at the CA. */
    static void revoke(String serial) {
        REVOKED.add(serial.toLowerCase(Locale.ROOT));
    }

    private static synchronized String url() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/api/v1/certificates/", TestCaPeer::lookup);
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void lookup(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String serial = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        byte[] body;
        int status;
        if (REVOKED.contains(serial)) {
            status = 200;
            body =
                    ("{\"serial\":\"" + serial + "\",\"status\":\"revoked\"}")
                            .getBytes(StandardCharsets.UTF_8);
        } else {
            status = 404;
            body =
                    "{\"type\":\"https://tlsuite.dev/problems/unknown-certificate\"}"
                            .getBytes(StandardCharsets.UTF_8);
        }
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public Map<String, String> start() {
        return Map.of("sessionstore.revocation.ca-url", url());
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM
    }
}
