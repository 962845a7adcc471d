package io.tlsuite.handshake.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsuite.handshake.identity.CaToken;
import io.tlsuite.handshake.identity.EnrolmentException;
import io.tlsuite.handshake.identity.Pem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CA calls the lab needs: issue (with the service's provisioner token, or the admin token when
 * the lab has it), issue with a past validity window and revoke (both with the admin token).
 */
final class LabCa {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    record Issued(String serial, List<X509Certificate> chain) {}

    private final URI base;
    private final String adminToken;
    private final CaToken provisioner;
    private final ObjectMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    LabCa(String baseUrl, String adminToken, CaToken provisioner, ObjectMapper json) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.adminToken = adminToken;
        this.provisioner = provisioner;
        this.json = json;
    }

    boolean isAdmin() {
        return adminToken != null;
    }

    Issued issue(String csr, int validityDays) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("csr", csr);
        body.put("profile", "server");
        body.put("validityDays", validityDays);
        return read(post("api/v1/certificates", body, isAdmin()));
    }

    Issued issueBackdated(String csr, Instant notBefore, Instant notAfter) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("csr", csr);
        body.put("profile", "server");
        body.put("notBefore", notBefore.toString());
        body.put("notAfter", notAfter.toString());
        return read(post("api/v1/certificates/backdated", body, true));
    }

    void revoke(String serial) throws IOException {
        HttpResponse<String> r =
                post(
                        "api/v1/certificates/" + serial + "/revoke",
                        Map.of("reason", "keyCompromise"),
                        true);
        if (r.statusCode() != 200) {
            throw new IOException(
                    "the CA refused to revoke " + serial + " (" + r.statusCode() + ")");
        }
    }

    private Issued read(HttpResponse<String> r) throws IOException {
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw new IOException("the CA refused (" + r.statusCode() + "): " + r.body());
        }
        try {
            JsonNode doc = json.readTree(r.body());
            List<X509Certificate> chain =
                    new ArrayList<>(Pem.certificates(doc.path("certificate").asText("")));
            chain.addAll(Pem.certificates(doc.path("chain").asText("")));
            // The root is the client's trust anchor: send leaf and intermediate (RFC 8446 §4.4.2).
            if (chain.size() > 2) {
                chain = chain.subList(0, chain.size() - 1);
            }
            return new Issued(doc.path("serial").asText(), List.copyOf(chain));
        } catch (java.security.cert.CertificateException e) {
            throw new IOException("unreadable certificate from the CA", e);
        }
    }

    private HttpResponse<String> post(String path, Object body, boolean admin) throws IOException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (admin) {
            b.header("Authorization", "Bearer " + adminToken);
        } else {
            // issuance needs an authenticated caller: the service's own provisioner token
            try {
                b.header("Authorization", provisioner.authorization());
            } catch (EnrolmentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
