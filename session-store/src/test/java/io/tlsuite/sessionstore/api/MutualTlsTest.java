package io.tlsuite.sessionstore.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS: over HTTPS, a client certificate from the trusted CA with an allowed SAN URI reads
 * keys without a token; another certificate from the same CA, even with the service's CN, is
 * refused (403) and audited; no certificate and no token is 401. The test resource applies to every
 * test of the default profile, so this class shares their Quarkus start.
 */
// The one exception to @WithTestResource: these resources are global, so every test application of
// this JVM has the HTTPS listener from its first start. A restart that adds it registers the HTTP
// server meters again with other tag keys, and the listener then never starts (the test hangs).
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(MutualTlsTestResource.class)
class MutualTlsTest {

    private String sessionId;
    private String base;

    @BeforeEach
    void session() {
        Assumptions.assumeTrue(
                MutualTlsTestResource.dir != null,
                "openssl is needed to make the test certificates");
        sessionId =
                SessionApiContract.create(
                        SessionApiContract.session(SessionApiContract.newId(), "7151"));
        base =
                "https://localhost:"
                        + ConfigProvider.getConfig()
                                .getValue("quarkus.http.test-ssl-port", Integer.class);
    }

    @Test
    void anAllowedClientCertificateReadsKeysWithoutAToken() throws Exception {
        HttpResponse<String> r =
                get(client("handshake"), "/api/v1/sessions/" + sessionId + "/keys");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains(SessionApiContract.SERVER_KEY);
    }

    @Test
    void anotherCertificateOfTheSameCaIsForbidden() throws Exception {
        HttpResponse<String> r = get(client("intruder"), "/api/v1/sessions/" + sessionId + "/keys");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("https://tlsuite.dev/problems/forbidden");
        assertThat(get(client("handshake"), "/q/metrics").body())
                .contains("reason=\"certificate-not-allowed\"");
    }

    /** A CN anyone could once obtain from the CA admits nothing: only the SAN URI does. */
    @Test
    void theServiceCommonNameWithoutTheServiceUriIsForbidden() throws Exception {
        HttpResponse<String> r = get(client("impostor"), "/api/v1/sessions/" + sessionId + "/keys");
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void noCertificateAndNoTokenIsUnauthorized() throws Exception {
        HttpResponse<String> r = get(client(null), "/api/v1/sessions/" + sessionId + "/keys");
        assertThat(r.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A client trusting the test CA, presenting {@code name}.p12 (or no certificate when null). */
    private static HttpClient client(String name) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(MutualTlsTestResource.dir.resolve("ca.pem"))) {
            trust.setCertificateEntry(
                    "ca",
                    (X509Certificate)
                            CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (name != null) {
            char[] pw = MutualTlsTestResource.PASSWORD.toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in =
                    Files.newInputStream(MutualTlsTestResource.dir.resolve(name + ".p12"))) {
                keys.load(in, pw);
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, pw);
        }
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
    }
}
