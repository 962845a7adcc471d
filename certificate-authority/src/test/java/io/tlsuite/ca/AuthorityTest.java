package io.tlsuite.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tlsuite.ca.domain.KeyType;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may have what signed: no anonymous issuance, the provisioner under the policy (no wildcard,
 * no name the CA alone grants), the administrator's service profile for the suite's own identities.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaBrokerTestResource.class)
class AuthorityTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    static Stream<Arguments> unauthenticated() {
        return Stream.of(
                Arguments.of((String) null),
                Arguments.of("Bearer wrong"),
                Arguments.of("Bearer "),
                Arguments.of("Basic dGVzdC1wcm92aXNpb25lci10b2tlbg=="),
                Arguments.of("test-provisioner-token"),
                Arguments.of("Bearer test-provisioner-token-and-more"));
    }

    @ParameterizedTest
    @MethodSource("unauthenticated")
    void issuanceWithoutAValidTokenIs401ProblemJson(String authorization) {
        CaApi.issueAs(
                        authorization,
                        TestCsr.csr(KeyType.EC_P256, "localhost", "DNS:localhost"),
                        "server")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", is("https://tlsuite.dev/problems/unauthorized"));
    }

    @Test
    void theProvisionerGetsAnOrdinaryCertificate() {
        CaApi.issueAs(
                        CaApi.PROVISIONER,
                        TestCsr.csr(KeyType.EC_P256, "localhost", "DNS:localhost"),
                        "server")
                .then()
                .statusCode(201);
    }

    static Stream<Arguments> refusedToTheProvisioner() {
        return Stream.of(
                Arguments.of(
                        "wildcard", "w.test", "server", "DNS:*.w.test", "wildcard-not-allowed"),
                Arguments.of(
                        "wildcard below localhost",
                        "x",
                        "client",
                        "DNS:*.a.localhost",
                        "wildcard-not-allowed"),
                Arguments.of(
                        "service CN", "handshake-service", "client", "DNS:a.test", "reserved-name"),
                Arguments.of(
                        "service CN, other case",
                        "Session-Store",
                        "client",
                        "DNS:a.test",
                        "reserved-name"),
                Arguments.of(
                        "service DNS name",
                        "x",
                        "server",
                        "DNS:handshake-service",
                        "reserved-name"),
                Arguments.of(
                        "SPIFFE URI",
                        "x",
                        "client",
                        "URI:spiffe://tlsuite/handshake-service",
                        "reserved-name"),
                Arguments.of("other URI", "x", "client", "URI:https://a.test/me", "reserved-name"),
                Arguments.of(
                        "service profile",
                        "x",
                        "service",
                        "URI:spiffe://tlsuite/handshake-service",
                        "profile-not-allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedToTheProvisioner")
    void theProvisionerGetsNoWildcardAndNoReservedName(
            String name, String cn, String profile, String san, String type) {
        CaApi.issueAs(CaApi.PROVISIONER, TestCsr.csr(KeyType.EC_P256, cn, san), profile)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", is("https://tlsuite.dev/problems/" + type));
    }

    @Test
    void aNamedProvisionerAsksOnlyForItsProfilesAndNames() {
        String clients = "Bearer test-clients-token", web = "Bearer test-web-token";
        // test-clients: client certificates only
        CaApi.issueAs(clients, TestCsr.csr(KeyType.EC_P256, "alice", "DNS:alice.test"), "client")
                .then()
                .statusCode(201);
        CaApi.issueAs(clients, TestCsr.csr(KeyType.EC_P256, "x", "DNS:x.test"), "server")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", is("https://tlsuite.dev/problems/profile-not-allowed"))
                .body(
                        "detail",
                        is("provisioner test-clients may ask for [client] certificates only"));
        // test-web: server certificates for its own names, even where the policy allows more
        CaApi.issueAs(
                        web,
                        TestCsr.csr(KeyType.EC_P256, "web", "DNS:web.test", "IP:127.0.0.1"),
                        "server")
                .then()
                .statusCode(201);
        CaApi.issueAs(web, TestCsr.csr(KeyType.EC_P256, "a", "DNS:a.b.web.test"), "server")
                .then()
                .statusCode(201);
        CaApi.issueAs(
                        web,
                        TestCsr.csr(KeyType.EC_P256, "o", "DNS:web.test", "DNS:other.test"),
                        "server")
                .then()
                .statusCode(403)
                .body("type", is("https://tlsuite.dev/problems/name-not-allowed"))
                .body(
                        "detail",
                        startsWith("DNS:other.test is outside the names of provisioner test-web"));
        CaApi.issueAs(web, TestCsr.csr(KeyType.EC_P256, "w", "DNS:web.test"), "client")
                .then()
                .statusCode(403)
                .body("type", is("https://tlsuite.dev/problems/profile-not-allowed"));
        // the policy still applies on top: no wildcard, even below its own names
        CaApi.issueAs(web, TestCsr.csr(KeyType.EC_P256, "w", "DNS:*.web.test"), "server")
                .then()
                .statusCode(403)
                .body("type", is("https://tlsuite.dev/problems/wildcard-not-allowed"));
        // the default provisioner is not narrowed: other.test is within the policy
        CaApi.issueAs(
                        CaApi.PROVISIONER,
                        TestCsr.csr(KeyType.EC_P256, "o", "DNS:other.test"),
                        "server")
                .then()
                .statusCode(201);
        // and one provisioner's token is not another's
        CaApi.issueAs(
                        "Bearer test-web-token-x",
                        TestCsr.csr(KeyType.EC_P256, "w", "DNS:web.test"),
                        "server")
                .then()
                .statusCode(401);
    }

    @Test
    void evenTheAdminGetsReservedNamesOnlyInTheServiceProfile() {
        CaApi.issueAs(
                        CaApi.ADMIN,
                        TestCsr.csr(
                                KeyType.EC_P256,
                                "handshake-service",
                                "URI:spiffe://tlsuite/handshake-service"),
                        "client")
                .then()
                .statusCode(403)
                .body("type", is("https://tlsuite.dev/problems/reserved-name"));
        CaApi.issueAs(
                        CaApi.ADMIN,
                        TestCsr.csr(
                                KeyType.EC_P256, "x", "DNS:localhost", "URI:https://evil.test/"),
                        "service")
                .then()
                .statusCode(403)
                .body("type", is("https://tlsuite.dev/problems/reserved-name"));
    }

    @Test
    void theServiceProfileCarriesTheSpiffeIdAndBothUsages() throws Exception {
        Response issued =
                CaApi.issueAs(
                        CaApi.ADMIN,
                        TestCsr.csr(
                                KeyType.EC_P256,
                                "handshake-service",
                                "DNS:localhost",
                                "URI:spiffe://tlsuite/handshake-service"),
                        "service");
        issued.then().statusCode(201).body("profile", is("service"));
        X509Certificate leaf = CaApi.leaf(issued);
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(SERVER_AUTH, CLIENT_AUTH);
        assertThat(leaf.getSubjectAlternativeNames())
                .contains(
                        List.of(6, "spiffe://tlsuite/handshake-service"), List.of(2, "localhost"));
        CaApi.pkixValidate(leaf);
    }

    @Test
    void aHugeRsaKeyIsRefusedBeforeItsSignatureIsChecked() {
        // A 16384-bit modulus that is no one's key: generating a real one takes minutes, and the
        // CSR is signed by another key, so only a refusal on size (not on the signature) passes.
        BigInteger modulus = new BigInteger(16384, new SecureRandom()).setBit(16383).setBit(0);
        CaApi.issueAs(
                        CaApi.PROVISIONER,
                        TestCsr.foreignKey(rsa(modulus, 65537), "big.test"),
                        "client")
                .then()
                .statusCode(400)
                .body("type", is("https://tlsuite.dev/problems/unsupported-key"));
    }

    @ParameterizedTest
    @MethodSource("badExponents")
    void aBadRsaExponentIsRefusedBeforeItsSignatureIsChecked(BigInteger exponent) {
        BigInteger modulus = new BigInteger(2048, new SecureRandom()).setBit(2047).setBit(0);
        CaApi.issueAs(
                        CaApi.PROVISIONER,
                        TestCsr.foreignKey(rsa(modulus, exponent), "e.test"),
                        "client")
                .then()
                .statusCode(400)
                .body("type", is("https://tlsuite.dev/problems/unsupported-key"));
    }

    static Stream<BigInteger> badExponents() {
        return Stream.of(
                BigInteger.ONE,
                BigInteger.valueOf(3),
                BigInteger.valueOf(65536),
                BigInteger.valueOf(65538),
                BigInteger.ONE.shiftLeft(300).add(BigInteger.ONE));
    }

    @Test
    void aHostnameOfAnyLengthNeverReachesTheOutbox() {
        // 40 000 characters: under the 64 KiB body limit, so the field bound is what refuses it
        io.restassured.RestAssured.given()
                .contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("chain", "x", "hostname", "a".repeat(40_000)))
                .post("/api/v1/validations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", is("https://tlsuite.dev/problems/invalid-request"));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"4294968", "2147483647", "9999999"})
    void aPageFarPastTheEndIsEmptyNotA500(String page) {
        io.restassured.RestAssured.given()
                .queryParam("page", page)
                .queryParam("size", 500)
                .get("/api/v1/certificates")
                .then()
                .statusCode(200)
                .body("items.size()", is(0));
    }

    private static final AlgorithmIdentifier RSA =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);

    private static SubjectPublicKeyInfo rsa(BigInteger modulus, long exponent) {
        return rsa(modulus, BigInteger.valueOf(exponent));
    }

    private static SubjectPublicKeyInfo rsa(BigInteger modulus, BigInteger exponent) {
        try {
            return new SubjectPublicKeyInfo(RSA, new RSAPublicKey(modulus, exponent));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
