package io.tlsuite.ca;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tlsuite.ca.domain.KeyType;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaBrokerTestResource.class)
class IssuanceTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    /**
     * The issuance counter is registered once per profile and key kind and counts every
     * certificate, each kind on its own series.
     */
    @Test
    void countsEveryIssuanceOnTheSeriesOfItsProfileAndKey() {
        String ecServer =
                "tlsuite_ca_certificates_issued_total{key=\"EC P-256\",profile=\"server\"}";
        String rsaClient =
                "tlsuite_ca_certificates_issued_total{key=\"RSA 2048\",profile=\"client\"}";
        double ec0 = metric(ecServer);
        double rsa0 = metric(rsaClient);
        CaApi.issueOk(TestCsr.csr(KeyType.EC_P256, "count1.test", "DNS:count1.test"), "server");
        CaApi.issueOk(TestCsr.csr(KeyType.EC_P256, "count2.test", "DNS:count2.test"), "server");
        CaApi.issueOk(TestCsr.csr(KeyType.RSA_2048, "count3.test", "DNS:count3.test"), "client");
        assertThat(metric(ecServer)).isEqualTo(ec0 + 2);
        assertThat(metric(rsaClient)).isEqualTo(rsa0 + 1);
    }

    /** A Prometheus sample's value, 0 when the series does not exist yet. */
    private static double metric(String series) {
        return given().get("/q/metrics")
                .asString()
                .lines()
                .filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .findFirst()
                .orElse(0);
    }

    @Test
    void servesTheRootAndTheChainAsPem() throws Exception {
        X509Certificate root = CaApi.root();
        assertThat(root.getSubjectX500Principal()).isEqualTo(root.getIssuerX500Principal());
        root.verify(root.getPublicKey());
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);

        List<X509Certificate> chain = CaApi.chain();
        assertThat(chain).hasSize(2);
        assertThat(chain.get(1)).isEqualTo(root);
        chain.get(0).verify(root.getPublicKey());
        assertThat(chain.get(0).getBasicConstraints()).isZero();
        assertThat(chain.get(0).getKeyUsage()[5]).as("keyCertSign").isTrue();
    }

    @Test
    void issuesAServerCertificateThatPkixAndOpensslAccept() throws Exception {
        Response issued =
                CaApi.issueOk(
                        TestCsr.csr(KeyType.EC_P256, "bar.test", "DNS:bar.test", "IP:127.0.0.1"),
                        "server",
                        "validityDays",
                        30);
        X509Certificate leaf = CaApi.leaf(issued);
        String serial = issued.path("serial");
        assertThat(serial).matches("[0-9a-f]+");
        assertThat(leaf.getSerialNumber().toString(16)).isEqualTo(serial);
        assertThat(leaf.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64);
        assertThat(issued.header("Location")).endsWith("/api/v1/certificates/" + serial);
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(leaf.getSubjectAlternativeNames())
                .extracting(n -> String.valueOf(n.get(1)))
                .containsExactlyInAnyOrder("bar.test", "127.0.0.1");
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=bar.test");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(
                        Duration.between(
                                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofDays(30));
        assertThat(Instant.parse(issued.path("notAfter")))
                .isEqualTo(leaf.getNotAfter().toInstant());
        assertThat(issued.<String>path("chain"))
                .isEqualTo(given().get("/api/v1/ca/chain").asString());

        CaApi.pkixValidate(leaf);

        OpenSsl.assumePresent();
        Path dir = Files.createTempDirectory("ca-verify");
        Path root = OpenSsl.write(dir, "root.pem", given().get("/api/v1/ca/root").asString());
        Path chain = OpenSsl.write(dir, "chain.pem", issued.<String>path("chain"));
        Path leafFile = OpenSsl.write(dir, "leaf.pem", issued.<String>path("certificate"));
        OpenSsl.Result verify =
                OpenSsl.run(
                        "verify",
                        "-CAfile",
                        root.toString(),
                        "-untrusted",
                        chain.toString(),
                        "-purpose",
                        "sslserver",
                        "-verify_hostname",
                        "bar.test",
                        leafFile.toString());
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains(": OK");
    }

    @Test
    void leavesNameTheOcspResponderAndACaIssuersUrlServingTheIntermediateInDer() throws Exception {
        X509Certificate leaf =
                CaApi.leaf(
                        CaApi.issueOk(
                                TestCsr.csr(KeyType.EC_P256, "aia.test", "DNS:aia.test"),
                                "server",
                                "validityDays",
                                30));
        AuthorityInformationAccess aia =
                AuthorityInformationAccess.getInstance(
                        JcaX509ExtensionUtils.parseExtensionValue(
                                leaf.getExtensionValue(Extension.authorityInfoAccess.getId())));
        String ocsp = null;
        String caIssuers = null;
        for (AccessDescription d : aia.getAccessDescriptions()) {
            assertThat(d.getAccessLocation().getTagNo())
                    .isEqualTo(GeneralName.uniformResourceIdentifier);
            String uri = d.getAccessLocation().getName().toString();
            if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                ocsp = uri;
            } else if (d.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)) {
                caIssuers = uri;
            }
        }
        assertThat(ocsp).endsWith("/ocsp");
        assertThat(caIssuers).endsWith("/api/v1/ca/intermediate.der");
        String base = ocsp.substring(0, ocsp.length() - "/ocsp".length());
        assertThat(caIssuers).startsWith(base);

        Response der = given().get(caIssuers.substring(base.length()));
        assertThat(der.statusCode()).isEqualTo(200);
        assertThat(der.contentType()).startsWith("application/pkix-cert");
        X509Certificate intermediate =
                (X509Certificate)
                        CertificateFactory.getInstance("X.509")
                                .generateCertificate(new ByteArrayInputStream(der.asByteArray()));
        assertThat(intermediate).isEqualTo(CaApi.chain().get(0));
        leaf.verify(intermediate.getPublicKey());
    }

    @Test
    void issuesAClientCertificateWithClientAuthOnly() throws Exception {
        Response issued =
                CaApi.issueOk(
                        TestCsr.csr(KeyType.EC_P256, "agent-7"), "client", "validityMinutes", 90);
        X509Certificate leaf = CaApi.leaf(issued);
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(leaf.getSubjectAlternativeNames()).isNull();
        assertThat(
                        Duration.between(
                                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofMinutes(90));
        CaApi.pkixValidate(leaf);
        given().get("/api/v1/certificates/" + issued.path("serial"))
                .then()
                .statusCode(200)
                .body("profile", is("client"))
                .body("status", is("valid"))
                .body("keyAlgorithm", is("EC P-256"));
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyType.class,
            names = {"EC_P384", "RSA_2048", "RSA_3072", "RSA_4096", "ED25519"})
    void issuesForEverySupportedKeyType(KeyType type) throws Exception {
        Response issued = CaApi.issueOk(TestCsr.csr(type, "keys.test", "DNS:keys.test"), "server");
        X509Certificate leaf = CaApi.leaf(issued);
        CaApi.pkixValidate(leaf);
        boolean[] usage = leaf.getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        assertThat(usage[2])
                .as("keyEncipherment only for RSA")
                .isEqualTo(type.name().startsWith("RSA"));
        given().get("/api/v1/certificates/" + issued.path("serial"))
                .then()
                .body("keyAlgorithm", is(type.description()));
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of(
                        "garbage",
                        "{\"csr\":\"garbage\",\"profile\":\"server\"}",
                        400,
                        "malformed-csr"),
                Arguments.of(
                        "broken PEM",
                        json(
                                "-----BEGIN CERTIFICATE REQUEST-----\nAAAAAAAA\n-----END CERTIFICATE REQUEST-----\n",
                                "server",
                                ""),
                        400,
                        "malformed-csr"),
                Arguments.of(
                        "bad signature",
                        json(TestCsr.badSignature("sig.test", "DNS:sig.test"), "server", ""),
                        400,
                        "csr-signature-invalid"),
                Arguments.of(
                        "RSA 1024",
                        json(TestCsr.rsa(1024, "weak.test", "DNS:weak.test"), "server", ""),
                        400,
                        "weak-key"),
                Arguments.of(
                        "P-521",
                        json(TestCsr.ecCurve("secp521r1", "curve.test"), "client", ""),
                        400,
                        "unsupported-key"),
                Arguments.of(
                        "name outside policy",
                        json(
                                TestCsr.csr(KeyType.EC_P256, "example.com", "DNS:example.com"),
                                "server",
                                ""),
                        403,
                        "name-not-allowed"),
                Arguments.of(
                        "IP outside policy",
                        json(TestCsr.csr(KeyType.EC_P256, "ip", "IP:10.1.2.3"), "server", ""),
                        403,
                        "name-not-allowed"),
                Arguments.of(
                        "lifetime too long",
                        json(
                                TestCsr.csr(KeyType.EC_P256, "a.test", "DNS:a.test"),
                                "server",
                                ",\"validityDays\":1000"),
                        400,
                        "lifetime-out-of-bounds"),
                Arguments.of(
                        "lifetime zero",
                        json(
                                TestCsr.csr(KeyType.EC_P256, "a.test", "DNS:a.test"),
                                "server",
                                ",\"validityMinutes\":0"),
                        400,
                        "lifetime-out-of-bounds"),
                Arguments.of(
                        "server without SAN",
                        json(TestCsr.csr(KeyType.EC_P256, "nosan.test"), "server", ""),
                        400,
                        "name-required"),
                Arguments.of(
                        "unknown profile",
                        json(
                                TestCsr.csr(KeyType.EC_P256, "a.test", "DNS:a.test"),
                                "codeSigning",
                                ""),
                        400,
                        "unknown-profile"),
                Arguments.of("not JSON", "{\"csr\": ", 400, "malformed-body"),
                Arguments.of(
                        "wrong JSON type",
                        "{\"csr\":\"x\",\"validityDays\":\"many\"}",
                        400,
                        "malformed-body"));
    }

    private static String json(String csr, String profile, String extra) {
        return "{\"csr\":\""
                + csr.replace("\n", "\\n")
                + "\",\"profile\":\""
                + profile
                + "\""
                + extra
                + "}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusesBadInputWithProblemDetails(String name, String body, int status, String type) {
        given().contentType(ContentType.JSON)
                .header("Authorization", CaApi.PROVISIONER)
                .body(body)
                .post("/api/v1/certificates")
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("type", is("https://tlsuite.dev/problems/" + type))
                .body("status", is(status))
                .body("title", not(is("")))
                .body(not(containsString("at io.")))
                .body(not(containsString("Exception")));
    }

    @Test
    void unknownSerialsAreProblemsToo() {
        given().get("/api/v1/certificates/abcdef0123")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("https://tlsuite.dev/problems/unknown-certificate"));
        given().get("/api/v1/certificates/not-hex!")
                .then()
                .statusCode(404)
                .body("type", is("https://tlsuite.dev/problems/unknown-certificate"));
        given().get("/api/v1/nothing-here")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", startsWith("https://tlsuite.dev/problems/"));
    }

    @Test
    void theAdminMayIssueOutsideThePolicyButNotWithAWrongToken() {
        String csr = TestCsr.csr(KeyType.EC_P256, "example.com", "DNS:example.com");
        given().contentType(ContentType.JSON)
                .header("Authorization", CaApi.ADMIN)
                .body(json(csr, "server", ",\"validityDays\":800"))
                .post("/api/v1/certificates")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer wrong")
                .body(json(csr, "server", ""))
                .post("/api/v1/certificates")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", is("https://tlsuite.dev/problems/unauthorized"));
        // Even the admin gets no certificate for a weak key.
        given().contentType(ContentType.JSON)
                .header("Authorization", CaApi.ADMIN)
                .body(json(TestCsr.rsa(1024, "weak.test", "DNS:weak.test"), "server", ""))
                .post("/api/v1/certificates")
                .then()
                .statusCode(400)
                .body("type", is("https://tlsuite.dev/problems/weak-key"));
    }

    @Test
    void concurrentIssuanceNeverYieldsADuplicateSerial() throws Exception {
        int requests = 64;
        List<String> csrs = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            csrs.add(TestCsr.csr(KeyType.EC_P256, "n" + i + ".test", "DNS:n" + i + ".test"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (String csr : csrs) {
                calls.add(() -> CaApi.issueOk(csr, "server").path("serial"));
            }
            Set<String> serials = new HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                serials.add(f.get());
            }
            assertThat(serials).hasSize(requests);
            for (String serial : serials) {
                given().get("/api/v1/certificates/" + serial).then().statusCode(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
