package io.tlsuite.agent.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The handshake service's REST API as a channel: the first flight opens a handshake ({@code POST
 * /api/v1/handshakes}), later flights continue it ({@code /handshakes/{id}/flights}), and once a
 * session exists, records go to {@code /sessions/{id}/records}; {@code DELETE /sessions/{id}} ends
 * a session the engine could not close. Every answer's records (also the alert record of a 422
 * problem) are queued for the engine, and its decoded messages kept for the result. The first
 * answer's {@code clientSecret} binds the handshake and its session to this channel: every later
 * request carries it in the {@value #CLIENT_SECRET_HEADER} header.
 *
 * <p>Behind a balancer, a flight may reach a replica that cannot continue the handshake (TLS 1.2
 * RSA key transport before the key exchange stays with the replica that holds it): that replica
 * answers 421 Misdirected Request without touching the handshake, and the same flight is sent
 * again, for the balancer to choose again, up to {@value #MISDIRECTED_ATTEMPTS} times in all.
 */
public final class RestChannel implements Channel {
    /** The handshake service's header for the secret its first answer returned. */
    static final String CLIENT_SECRET_HEADER = "Tlsuite-Client-Secret";

    /** Attempts of one request answered 421 (another replica holds the handshake). */
    static final int MISDIRECTED_ATTEMPTS = 8;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>
            MESSAGE = new com.fasterxml.jackson.core.type.TypeReference<>() {};

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final Deque<byte[]> inbox = new ArrayDeque<>();
    private final List<Map<String, Object>> messages = new ArrayList<>();
    private final boolean keepMessages;
    private final boolean requireClientCertificate;
    private String handshakeId;
    private String sessionId;
    private String clientSecret;
    private boolean sessionClosed;
    private boolean ended;

    public RestChannel(HttpClient http, String baseUrl, Duration timeout, boolean keepMessages) {
        this(http, baseUrl, timeout, keepMessages, false);
    }

    /**
     * @param requireClientCertificate the first flight asks the handshake service to require a
     *     client certificate for this handshake ({@code "clientAuth": "required"}: mutual TLS over
     *     REST, where no SNI name can pick the lab's {@code mtls.} server)
     */
    public RestChannel(
            HttpClient http,
            String baseUrl,
            Duration timeout,
            boolean keepMessages,
            boolean requireClientCertificate) {
        this.http = http;
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.timeout = timeout;
        this.keepMessages = keepMessages;
        this.requireClientCertificate = requireClientCertificate;
    }

    public String handshakeId() {
        return handshakeId;
    }

    public String sessionId() {
        return sessionId;
    }

    @Override
    public void send(byte[] records) throws IOException {
        if (records.length == 0) {
            return;
        }
        if (ended) {
            throw new IOException("the server ended this exchange");
        }
        String path;
        if (sessionId != null) {
            path = "api/v1/sessions/" + sessionId + "/records";
        } else if (handshakeId != null) {
            path = "api/v1/handshakes/" + handshakeId + "/flights";
        } else {
            path = "api/v1/handshakes";
        }
        String body =
                "{\"records\":\""
                        + Base64.getEncoder().encodeToString(records)
                        + (requireClientCertificate && path.equals("api/v1/handshakes")
                                ? "\",\"clientAuth\":\"required\"}"
                                : "\"}");
        HttpResponse<String> r = post(path, body);
        JsonNode doc = parse(r.body());
        if (doc.hasNonNull("handshakeId") && handshakeId == null) {
            handshakeId = doc.get("handshakeId").asText();
        }
        if (doc.hasNonNull("clientSecret") && clientSecret == null) {
            clientSecret = doc.get("clientSecret").asText();
        }
        if (doc.hasNonNull("sessionId")) {
            sessionId = doc.get("sessionId").asText();
        }
        if (keepMessages && doc.path("messages").isArray()) {
            for (JsonNode m : doc.get("messages")) {
                messages.add(JSON.convertValue(m, MESSAGE));
            }
        }
        String state = doc.path("state").asText("");
        if ("closed".equals(state)) {
            sessionClosed = true;
        }
        if (r.statusCode() >= 400) {
            ended = true;
            if (!doc.hasNonNull("records")) {
                throw new IOException(
                        "the handshake service answered "
                                + r.statusCode()
                                + " "
                                + doc.path("type").asText("")
                                + ": "
                                + doc.path("detail").asText(r.body()));
            }
        }
        if (doc.hasNonNull("records")) {
            byte[] got = Base64.getDecoder().decode(doc.get("records").asText());
            if (got.length > 0) {
                inbox.add(got);
            }
        }
    }

    @Override
    public byte[] receive() {
        return inbox.poll();
    }

    @Override
    public byte[] pending() {
        return inbox.poll();
    }

    @Override
    public List<Map<String, Object>> serverMessages() {
        return List.copyOf(messages);
    }

    @Override
    public String describe() {
        return base.toString();
    }

    @Override
    public void close() {
        if (sessionId != null && !sessionClosed && !ended) {
            try {
                http.send(
                        withSecret(
                                        HttpRequest.newBuilder(
                                                        base.resolve(
                                                                "api/v1/sessions/" + sessionId))
                                                .timeout(timeout))
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                // the session expires on the server anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sessionClosed = true;
        }
    }

    private HttpResponse<String> post(String path, String body) throws IOException {
        try {
            HttpRequest request =
                    withSecret(HttpRequest.newBuilder(base.resolve(path)).timeout(timeout))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            // 421: the replica that answered left the handshake alone; another holds it.
            for (int attempt = 1;
                    r.statusCode() == 421 && attempt < MISDIRECTED_ATTEMPTS;
                    attempt++) {
                r = http.send(request, HttpResponse.BodyHandlers.ofString());
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private HttpRequest.Builder withSecret(HttpRequest.Builder request) {
        return clientSecret == null ? request : request.header(CLIENT_SECRET_HEADER, clientSecret);
    }

    private static JsonNode parse(String body) throws IOException {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            throw new IOException("unreadable answer from the handshake service");
        }
    }
}
