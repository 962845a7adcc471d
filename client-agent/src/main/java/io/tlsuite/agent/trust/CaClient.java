package io.tlsuite.agent.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The certificate authority's REST contract, as the agent uses it (root, client certificate). */
public final class CaClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public CaClient(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    public URI base() {
        return base;
    }

    /** {@code GET /api/v1/ca/root}. */
    public X509Certificate root() throws IOException {
        HttpResponse<String> r =
                send(HttpRequest.newBuilder(base.resolve("api/v1/ca/root")).timeout(TIMEOUT).GET());
        if (r.statusCode() != 200) {
            throw new IOException("the CA answered " + r.statusCode() + " for its root");
        }
        List<X509Certificate> certs = certificates(r.body());
        if (certs.isEmpty()) {
            throw new IOException("the CA root answer holds no certificate");
        }
        return certs.get(0);
    }

    /**
     * {@code POST /api/v1/certificates} with profile client, as a provisioner ({@code bearer}):
     * leaf first, then the CA chain.
     */
    public List<X509Certificate> issueClient(String csrPem, String bearer) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("csr", csrPem);
        body.put("profile", "client");
        body.put("validityDays", 30);
        HttpResponse<String> r =
                send(
                        HttpRequest.newBuilder(base.resolve("api/v1/certificates"))
                                .timeout(TIMEOUT)
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + bearer)
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                json.writeValueAsString(body))));
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw new IOException(
                    "the CA refused the client certificate ("
                            + r.statusCode()
                            + "): "
                            + r.body().substring(0, Math.min(200, r.body().length())));
        }
        JsonNode doc = json.readTree(r.body());
        List<X509Certificate> chain =
                new ArrayList<>(certificates(doc.path("certificate").asText("")));
        chain.addAll(certificates(doc.path("chain").asText("")));
        if (chain.isEmpty()) {
            throw new IOException("the CA answered without a certificate");
        }
        return chain;
    }

    /** Raw GET or POST for OCSP and CRL (absolute URLs from the certificate). */
    public byte[] fetch(URI uri, String contentType, byte[] body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        if (body != null) {
            b.header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            b.GET();
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IOException(uri + " answered " + r.statusCode());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static List<X509Certificate> certificates(String pem) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        if (pem == null || pem.isBlank()) {
            return out;
        }
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            for (var c :
                    f.generateCertificates(
                            new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            throw new IOException("unreadable certificate: " + e.getMessage(), e);
        }
        return out;
    }
}
