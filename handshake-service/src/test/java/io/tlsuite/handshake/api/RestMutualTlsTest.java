package io.tlsuite.handshake.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tlsuite.handshake.domain.ClientBinding;
import io.tlsuite.handshake.domain.ServerEngines;
import io.tlsuite.handshake.identity.CertificateSigningRequest;
import io.tlsuite.handshake.identity.IdentityEnrolment;
import io.tlsuite.handshake.support.TestCaResource;
import io.tlsuite.handshake.support.TestCertificateAuthority;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.config.TlsConfig;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS over REST on request: a first flight with {@code "clientAuth": "required"} makes the
 * server send CertificateRequest (the service is configured {@code client-auth=none}), a client
 * with a certificate from the suite CA completes, one without is refused with certificate_required,
 * and a request can never lower what the configuration demands.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerTestResource.class)
@WithTestResource(TestCaResource.class)
class RestMutualTlsTest {

    @Inject IdentityEnrolment enrolment;
    @Inject ServerEngines engines;

    X509Certificate root;

    @BeforeEach
    void enrolled() {
        await().atMost(Duration.ofSeconds(30)).until(() -> engines.ready());
        root = enrolment.current().orElseThrow().root();
    }

    TlsEngine client(KeyPair key, List<X509Certificate> chain) {
        TlsConfig.Builder b =
                TlsConfig.builder()
                        .serverName("localhost")
                        .certificateValidator(new PkixCertificateValidator(TrustStore.of(root)));
        if (key != null) {
            b.certificate(chain, key.getPrivate());
        }
        return TlsEngine.client(b.build());
    }

    static JsonPath first(byte[] hello, String clientAuth, int status) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("records", b64(hello), "clientAuth", clientAuth))
                .post("/api/v1/handshakes")
                .then()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    @Test
    void aClientCertificateIsRequestedOnlyWhenAskedForAndThenChecked() throws Exception {
        KeyPair kp = TestCertificateAuthority.keyPair();
        var issued =
                TestCaResource.ca()
                        .client(new ObjectMapper())
                        .issue(
                                CertificateSigningRequest.pem(
                                        kp, List.of("agent-rest.test"), List.of()),
                                "client",
                                Duration.ofDays(1));
        List<X509Certificate> chain = issued.chain().subList(0, 2);

        // With a certificate: CertificateRequest, then the client's Certificate and
        // CertificateVerify.
        TlsEngine withCert = client(kp, chain);
        JsonPath hello = first(withCert.start().outbound(), "required", 201);
        assertThat(hello.getList("messages.type", String.class)).contains("certificate_request");
        EngineOutput out = withCert.feed(Base64.getDecoder().decode(hello.getString("records")));
        assertThat(out.handshakeComplete()).isTrue();
        JsonPath done =
                given().contentType(ContentType.JSON)
                        .header(ClientBinding.HEADER, hello.getString("clientSecret"))
                        .body(Map.of("records", b64(out.outbound())))
                        .post("/api/v1/handshakes/" + hello.getString("handshakeId") + "/flights")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(done.getString("state")).isEqualTo("complete");
        assertThat(done.getBoolean("negotiated.clientAuthenticated")).isTrue();
        assertThat(done.getList("messages.type", String.class))
                .containsSubsequence("certificate", "certificate_verify", "finished");

        // Without one: certificate_required (RFC 8446 §4.4.2.4).
        TlsEngine without = client(null, List.of());
        JsonPath asked = first(without.start().outbound(), "required", 201);
        EngineOutput empty = without.feed(Base64.getDecoder().decode(asked.getString("records")));
        given().contentType(ContentType.JSON)
                .header(ClientBinding.HEADER, asked.getString("clientSecret"))
                .body(Map.of("records", b64(empty.outbound())))
                .post("/api/v1/handshakes/" + asked.getString("handshakeId") + "/flights")
                .then()
                .statusCode(422)
                .body("alert.description", equalTo("certificate_required"))
                .body("alert.sentBy", equalTo("server"));

        // Not asked (the configuration says none): no CertificateRequest.
        JsonPath plain = first(client(null, List.of()).start().outbound(), "none", 201);
        assertThat(plain.getList("messages.type", String.class))
                .doesNotContain("certificate_request");
    }

    @Test
    void anUnknownModeIsAProblem() {
        given().contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "records",
                                b64(client(null, List.of()).start().outbound()),
                                "clientAuth",
                                "sometimes"))
                .post("/api/v1/handshakes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://tlsuite.dev/problems/invalid-client-auth"));
    }
}
