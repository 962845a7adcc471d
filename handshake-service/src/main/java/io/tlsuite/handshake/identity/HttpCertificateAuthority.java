package io.tlsuite.handshake.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CA's REST contract over HTTP (the certificate-authority module's API). */
public final class HttpCertificateAuthority implements CertificateAuthority {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json;
    private final CaToken token;

    public HttpCertificateAuthority(String baseUrl, ObjectMapper json, CaToken token) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.json = json;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    @Override
    public Issued issue(String csrPem, String profile, Duration validity)
            throws EnrolmentException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("csr", csrPem);
        body.put("profile", profile);
        if (validity.toMinutes() % (24 * 60) == 0) {
            body.put("validityDays", validity.toDays());
        } else {
            body.put("validityMinutes", validity.toMinutes());
        }
        HttpResponse<String> response;
        try {
            response =
                    send(
                            HttpRequest.newBuilder(base.resolve("api/v1/certificates"))
                                    .timeout(TIMEOUT)
                                    .header("Content-Type", "application/json")
                                    .header("Accept", "application/json")
                                    .header("Authorization", token.authorization())
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    json.writeValueAsString(body)))
                                    .build());
        } catch (IOException e) {
            throw unreachable(e);
        }
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw refused(response);
        }
        try {
            JsonNode doc = json.readTree(response.body());
            List<X509Certificate> leaf = Pem.certificates(doc.path("certificate").asText(null));
            if (leaf.size() != 1) {
                throw new EnrolmentException("the CA answered without exactly one certificate");
            }
            List<X509Certificate> chain = new ArrayList<>(leaf);
            chain.addAll(Pem.certificates(doc.path("chain").asText(null)));
            return new Issued(doc.path("serial").asText(null), leaf.get(0), chain);
        } catch (IOException | CertificateException e) {
            throw new EnrolmentException(
                    "unreadable answer from the CA: " + e.getMessage(), 0, null, e);
        }
    }

    @Override
    public Status status(String serial) throws EnrolmentException {
        if (serial == null || !serial.matches("[0-9a-fA-F]{1,64}")) {
            return Status.UNKNOWN;
        }
        HttpResponse<String> response;
        try {
            response =
                    send(
                            HttpRequest.newBuilder(
                                            base.resolve(
                                                    "api/v1/certificates/"
                                                            + serial.toLowerCase(
                                                                    java.util.Locale.ROOT)))
                                    .timeout(TIMEOUT)
                                    .header("Accept", "application/json")
                                    .GET()
                                    .build());
        } catch (IOException e) {
            throw unreachable(e);
        }
        if (response.statusCode() == 404) {
            return Status.UNKNOWN;
        }
        if (response.statusCode() != 200) {
            throw refused(response);
        }
        try {
            String status = json.readTree(response.body()).path("status").asText("");
            return switch (status) {
                case "revoked" -> Status.REVOKED;
                case "valid", "expired" -> Status.NOT_REVOKED;
                default -> Status.UNKNOWN;
            };
        } catch (IOException e) {
            throw new EnrolmentException("unreadable answer from the CA", 0, null, e);
        }
    }

    @Override
    public X509Certificate root() throws EnrolmentException {
        HttpResponse<String> response;
        try {
            response =
                    send(
                            HttpRequest.newBuilder(base.resolve("api/v1/ca/root"))
                                    .timeout(TIMEOUT)
                                    .GET()
                                    .build());
        } catch (IOException e) {
            throw unreachable(e);
        }
        if (response.statusCode() != 200) {
            throw refused(response);
        }
        try {
            List<X509Certificate> certs = Pem.certificates(response.body());
            if (certs.isEmpty()) {
                throw new EnrolmentException("the CA root answer holds no certificate");
            }
            return certs.get(0);
        } catch (CertificateException e) {
            throw new EnrolmentException("unreadable CA root: " + e.getMessage(), 0, null, e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private EnrolmentException unreachable(IOException e) {
        return new EnrolmentException(
                "CA at " + base + " unreachable (" + e.getClass().getSimpleName() + ")",
                0,
                null,
                e);
    }

    private EnrolmentException refused(HttpResponse<String> response) {
        String type = null;
        String detail = null;
        try {
            JsonNode doc = json.readTree(response.body());
            type = doc.path("type").asText(null);
            detail = doc.path("detail").asText(null);
        } catch (IOException | RuntimeException ignored) {
            // not problem+json: the status says enough
        }
        return new EnrolmentException(
                "CA refused with HTTP "
                        + response.statusCode()
                        + (type == null ? "" : " " + type)
                        + (detail == null ? "" : ": " + detail),
                response.statusCode(),
                type,
                null);
    }
}
