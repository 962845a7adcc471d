package io.tlsuite.ca;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.tlsuite.ca.domain.CertificateIssuer;
import io.tlsuite.ca.domain.KeyType;
import io.tlsuite.ca.domain.Pem;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaBrokerTestResource.class)
class ValidationTest {

    private static Response issued;

    private static Response server() {
        if (issued == null) {
            // A wildcard name: only the administrator gets one.
            issued =
                    CaApi.issueAs(
                            CaApi.ADMIN,
                            TestCsr.csr(KeyType.EC_P256, "v.test", "DNS:v.test", "DNS:*.w.test"),
                            "server",
                            "validityDays",
                            10);
            issued.then().statusCode(201);
        }
        return issued;
    }

    private static String fullChain(Response issued) {
        return issued.<String>path("certificate") + issued.<String>path("chain");
    }

    private static ValidatableResponse validate(String chain, Object... extra) {
        Map<String, Object> body = new HashMap<>();
        body.put("chain", chain);
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/validations")
                .then()
                .statusCode(200);
    }

    @Test
    void aGoodChainForItsHostIsValid() {
        String serial = server().path("serial");
        validate(fullChain(server()), "hostname", "v.test", "purpose", "server")
                .body("valid", is(true))
                .body("leafSerial", is(serial))
                .body("problems", empty());
        validate(fullChain(server()), "hostname", "api.w.test").body("valid", is(true));
        // Without the root in the request: the CA's root is the anchor anyway.
        validate(server().<String>path("certificate") + Pem.certificate(CaApi.chain().get(0)))
                .body("valid", is(true));
    }

    @Test
    void wrongNameWrongPurposeAndWrongTimeAreProblems() {
        validate(fullChain(server()), "hostname", "other.test")
                .body("valid", is(false))
                .body("problems", hasItem(containsString("does not match")));
        validate(fullChain(server()), "hostname", "a.b.w.test").body("valid", is(false));
        validate(fullChain(server()), "purpose", "client")
                .body("valid", is(false))
                .body("problems", hasItem(containsString("not for client authentication")));
        validate(fullChain(server()), "at", Instant.now().plus(Duration.ofDays(11)).toString())
                .body("valid", is(false))
                .body("problems", hasItem(containsString("expired")));
        validate(fullChain(server()), "at", Instant.now().minus(Duration.ofDays(1)).toString())
                .body("valid", is(false))
                .body("problems", hasItem(containsString("not valid before")));
    }

    @Test
    void aRevokedCertificateIsInvalidFromItsRevocationOn() throws InterruptedException {
        Response other =
                CaApi.issueOk(TestCsr.csr(KeyType.EC_P256, "gone.test", "DNS:gone.test"), "server");
        String beforeRevocation = other.path("notBefore");
        Thread.sleep(1100); // revocation times have one-second precision, as in the CRL
        CaApi.revoke(other.path("serial"), "cessationOfOperation").then().statusCode(200);
        validate(fullChain(other), "hostname", "gone.test")
                .body("valid", is(false))
                .body("problems", hasItem(containsString("revoked")))
                .body("problems", hasItem(containsString("cessationOfOperation")));
        validate(fullChain(other), "at", beforeRevocation).body("valid", is(true));
    }

    @Test
    void aChainFromAnotherCaIsNotTrusted() {
        CertificateIssuer foreign = new CertificateIssuer("http://elsewhere");
        var root =
                foreign.createRoot(
                        new X500Name("CN=Impostor Root"), KeyType.EC_P256, Duration.ofDays(30));
        var intermediate =
                foreign.createIntermediate(
                        root,
                        new X500Name("O=TLS Suite,CN=TLS Suite Intermediate CA"),
                        KeyType.EC_P256,
                        Duration.ofDays(30));
        String chain =
                Pem.certificate(intermediate.certificate()) + Pem.certificate(root.certificate());
        validate(chain, "purpose", "server")
                .body("valid", is(false))
                .body("problems", hasItem(containsString("trusted root")));
    }

    @Test
    void garbageIsAProblemNotAVerdict() {
        given().contentType(ContentType.JSON)
                .body(Map.of("chain", "not a certificate"))
                .post("/api/v1/validations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", is("https://tlsuite.dev/problems/malformed-chain"));
        given().contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "chain",
                                "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"))
                .post("/api/v1/validations")
                .then()
                .statusCode(400)
                .body("type", is("https://tlsuite.dev/problems/malformed-chain"));
    }
}
