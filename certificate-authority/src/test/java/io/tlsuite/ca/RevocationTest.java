package io.tlsuite.ca;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tlsuite.ca.domain.BouncyCastle;
import io.tlsuite.ca.domain.KeyType;
import io.tlsuite.ca.domain.OcspResponder;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CRLReason;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaBrokerTestResource.class)
class RevocationTest {

    @Test
    void revocationNeedsTheAdminToken() {
        String serial =
                CaApi.issueOk(TestCsr.csr(KeyType.EC_P256, "r0.test", "DNS:r0.test"), "server")
                        .path("serial");
        given().contentType(ContentType.JSON)
                .body(Map.of("reason", "keyCompromise"))
                .post("/api/v1/certificates/" + serial + "/revoke")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", is("https://tlsuite.dev/problems/unauthorized"));
        given().get("/api/v1/certificates/" + serial).then().body("status", is("valid"));
    }

    @Test
    void refusesUnknownSerialsReasonsAndTheCaItself() {
        CaApi.revoke("abcdef12345", "keyCompromise")
                .then()
                .statusCode(404)
                .body("type", is("https://tlsuite.dev/problems/unknown-certificate"));
        String serial =
                CaApi.issueOk(TestCsr.csr(KeyType.EC_P256, "r1.test", "DNS:r1.test"), "server")
                        .path("serial");
        given().header("Authorization", CaApi.ADMIN)
                .contentType(ContentType.TEXT)
                .body("{not json")
                .post("/api/v1/certificates/" + serial + "/revoke")
                .then()
                .statusCode(400)
                .body("type", is("https://tlsuite.dev/problems/malformed-body"));
        CaApi.revoke(serial, "becauseISaidSo")
                .then()
                .statusCode(400)
                .body("type", is("https://tlsuite.dev/problems/unknown-revocation-reason"));
        CaApi.revoke(CaApi.chain().get(0).getSerialNumber().toString(16), "keyCompromise")
                .then()
                .statusCode(409)
                .body("type", is("https://tlsuite.dev/problems/ca-certificate"));
    }

    @Test
    void aRevokedCertificateIsInTheCrlAndOcspSaysRevoked() throws Exception {
        Response issued =
                CaApi.issueOk(TestCsr.csr(KeyType.EC_P256, "rev.test", "DNS:rev.test"), "server");
        String serial = issued.path("serial");
        X509Certificate leaf = CaApi.leaf(issued);
        X509Certificate intermediate = CaApi.chain().get(0);

        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        BasicOCSPResp before = ocsp(leaf.getSerialNumber(), intermediate, nonce, true);
        assertThat(before.getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        long crlBefore = crlNumber(crl());

        CaApi.revoke(serial, "keyCompromise")
                .then()
                .statusCode(200)
                .body("status", is("revoked"))
                .body("revocationReason", is("keyCompromise"));
        // Idempotent: a second call changes nothing, not even the reason.
        CaApi.revoke(serial, "superseded")
                .then()
                .statusCode(200)
                .body("status", is("revoked"))
                .body("revocationReason", is("keyCompromise"));

        X509CRL crl = crl();
        crl.verify(intermediate.getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(intermediate.getSubjectX500Principal());
        assertThat(crlNumber(crl)).isGreaterThan(crlBefore);
        assertThat(crl.getNextUpdate().toInstant()).isAfter(Instant.now());
        assertThat(
                        java.time.Duration.between(
                                crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant()))
                .as("tlsuite.ca.crl.next-update")
                .isEqualTo(java.time.Duration.ofHours(24));
        X509CRLEntry entry = crl.getRevokedCertificate(leaf);
        assertThat(entry).isNotNull();
        assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);

        assertThatThrownBy(() -> CaApi.pkixValidate(leaf, crl))
                .isInstanceOfSatisfying(
                        CertPathValidatorException.class,
                        e ->
                                assertThat(e.getReason())
                                        .isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
        X509Certificate good =
                CaApi.leaf(
                        CaApi.issueOk(
                                TestCsr.csr(KeyType.EC_P256, "ok.test", "DNS:ok.test"), "server"));
        CaApi.pkixValidate(good, crl());

        BasicOCSPResp after = ocsp(leaf.getSerialNumber(), intermediate, nonce, true);
        SingleResp single = after.getResponses()[0];
        assertThat(single.getCertStatus()).isInstanceOf(RevokedStatus.class);
        RevokedStatus revoked = (RevokedStatus) single.getCertStatus();
        assertThat(revoked.getRevocationReason()).isEqualTo(1); // keyCompromise
        assertThat(single.getNextUpdate()).isAfter(single.getThisUpdate());
        assertThat(
                        ocsp(BigInteger.valueOf(424242), intermediate, nonce, false)
                                .getResponses()[0]
                                .getCertStatus())
                .isInstanceOf(UnknownStatus.class);

        given().header("Accept", "application/x-pem-file")
                .get("/crl")
                .then()
                .statusCode(200)
                .contentType("application/x-pem-file")
                .body(org.hamcrest.Matchers.startsWith("-----BEGIN X509 CRL-----"));

        OpenSsl.assumePresent();
        Path dir = Files.createTempDirectory("ca-crl");
        Path crlFile = OpenSsl.write(dir, "crl.der", given().get("/crl").asByteArray());
        OpenSsl.Result text =
                OpenSsl.run("crl", "-inform", "DER", "-in", crlFile.toString(), "-noout", "-text");
        assertThat(text.exitCode()).as(text.output()).isZero();
        assertThat(text.output().replace(":", "").toLowerCase()).contains(serial);
        assertThat(text.output()).contains("Key Compromise");

        Path root = OpenSsl.write(dir, "root.pem", given().get("/api/v1/ca/root").asString());
        Path inter =
                OpenSsl.write(dir, "int.pem", io.tlsuite.ca.domain.Pem.certificate(intermediate));
        Path leafFile = OpenSsl.write(dir, "leaf.pem", issued.<String>path("certificate"));
        OpenSsl.Result status =
                OpenSsl.run(
                        "ocsp",
                        "-issuer",
                        inter.toString(),
                        "-cert",
                        leafFile.toString(),
                        "-url",
                        io.restassured.RestAssured.baseURI
                                + ":"
                                + io.restassured.RestAssured.port
                                + "/ocsp",
                        "-CAfile",
                        root.toString());
        assertThat(status.output()).contains("Response verify OK").contains(": revoked");
        assertThat(status.output()).contains("Reason: keyCompromise");
    }

    @Test
    void revocationAcceptsJsonSentAsAFormAndAnEmptyBody() {
        String first =
                CaApi.issueOk(TestCsr.csr(KeyType.EC_P256, "f1.test", "DNS:f1.test"), "client")
                        .path("serial");
        // What `curl --data '{"reason":"superseded"}'` sends without -H Content-Type.
        given().header("Authorization", CaApi.ADMIN)
                .contentType("application/x-www-form-urlencoded")
                .body("{\"reason\":\"superseded\"}")
                .post("/api/v1/certificates/" + first + "/revoke")
                .then()
                .statusCode(200)
                .body("revocationReason", is("superseded"));
        String second =
                CaApi.issueOk(TestCsr.csr(KeyType.EC_P256, "f2.test", "DNS:f2.test"), "client")
                        .path("serial");
        given().header("Authorization", CaApi.ADMIN)
                .post("/api/v1/certificates/" + second + "/revoke")
                .then()
                .statusCode(200)
                .body("status", is("revoked"))
                .body("revocationReason", is("unspecified"));
    }

    @Test
    void aMalformedOcspRequestGetsMalformedRequestNotAnHttpError() throws Exception {
        byte[] der =
                given().contentType("application/ocsp-request")
                        .body(new byte[] {0x30, 0x03, 0x02, 0x01})
                        .post("/ocsp")
                        .then()
                        .statusCode(200)
                        .contentType("application/ocsp-response")
                        .extract()
                        .asByteArray();
        assertThat(new OCSPResp(der).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        byte[] viaGet =
                given().urlEncodingEnabled(false)
                        .get("/ocsp/not-base64!")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray();
        assertThat(new OCSPResp(viaGet).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    @Test
    void ocspRequestsOverTheBoundsGetMalformedRequest() throws Exception {
        X509Certificate intermediate = CaApi.chain().get(0);
        CertificateID id =
                new CertificateID(
                        new JcaDigestCalculatorProviderBuilder()
                                .build()
                                .get(CertificateID.HASH_SHA1),
                        new X509CertificateHolder(intermediate.getEncoded()),
                        BigInteger.valueOf(7));
        OCSPReqBuilder tooMany = new OCSPReqBuilder();
        for (int i = 0; i <= OcspResponder.MAX_REQUEST_ENTRIES; i++) {
            tooMany.addRequest(id);
        }
        assertThat(ocspStatus(tooMany.build().getEncoded())).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        for (int size : new int[] {0, OcspResponder.MAX_NONCE_OCTETS + 1, 4096}) {
            assertThat(ocspStatus(withNonce(id, new byte[size]).getEncoded()))
                    .as("nonce of %d octets", size)
                    .isEqualTo(OCSPResp.MALFORMED_REQUEST);
        }
        OCSPReqBuilder most = new OCSPReqBuilder();
        for (int i = 0; i < OcspResponder.MAX_REQUEST_ENTRIES; i++) {
            most.addRequest(id);
        }
        assertThat(ocspStatus(most.build().getEncoded())).isEqualTo(OCSPResp.SUCCESSFUL);
    }

    @Test
    void aBodyOverTheLimitIs413ProblemJson() {
        given().contentType("application/ocsp-request")
                .body(new byte[100 * 1024])
                .post("/ocsp")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("body-too-large"));
    }

    /** A one-entry request with an RFC 8954 nonce extension. */
    private static OCSPReq withNonce(CertificateID id, byte[] nonce) throws Exception {
        return new OCSPReqBuilder()
                .addRequest(id)
                .setRequestExtensions(
                        new Extensions(
                                new Extension(
                                        OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                                        false,
                                        new DEROctetString(new DEROctetString(nonce)))))
                .build();
    }

    private static int ocspStatus(byte[] request) throws Exception {
        byte[] der =
                given().contentType("application/ocsp-request")
                        .body(request)
                        .post("/ocsp")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray();
        return new OCSPResp(der).getStatus();
    }

    private static X509CRL crl() throws Exception {
        byte[] der =
                given().get("/crl")
                        .then()
                        .statusCode(200)
                        .contentType("application/pkix-crl")
                        .extract()
                        .asByteArray();
        return (X509CRL)
                CertificateFactory.getInstance("X.509")
                        .generateCRL(new java.io.ByteArrayInputStream(der));
    }

    private static long crlNumber(X509CRL crl) throws Exception {
        byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
        return org.bouncycastle.asn1.ASN1Integer.getInstance(
                        org.bouncycastle.asn1.ASN1OctetString.getInstance(value).getOctets())
                .getValue()
                .longValueExact();
    }

    /** An RFC 6960 request by Bouncy Castle's client side, POST or GET; checks the response. */
    private static BasicOCSPResp ocsp(
            BigInteger serial, X509Certificate issuer, byte[] nonce, boolean post)
            throws Exception {
        CertificateID id =
                new CertificateID(
                        new JcaDigestCalculatorProviderBuilder()
                                .build()
                                .get(CertificateID.HASH_SHA1),
                        new X509CertificateHolder(issuer.getEncoded()),
                        serial);
        OCSPReq request = withNonce(id, nonce);
        byte[] der;
        if (post) {
            der =
                    given().contentType("application/ocsp-request")
                            .body(request.getEncoded())
                            .post("/ocsp")
                            .then()
                            .statusCode(200)
                            .contentType("application/ocsp-response")
                            .extract()
                            .asByteArray();
        } else {
            String encoded =
                    URLEncoder.encode(
                            Base64.getEncoder().encodeToString(request.getEncoded()),
                            StandardCharsets.US_ASCII);
            der =
                    given().urlEncodingEnabled(false)
                            .get("/ocsp/" + encoded)
                            .then()
                            .statusCode(200)
                            .extract()
                            .asByteArray();
        }
        OCSPResp response = new OCSPResp(der);
        assertThat(response.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        assertThat(
                        basic.isSignatureValid(
                                new JcaContentVerifierProviderBuilder()
                                        .setProvider(BouncyCastle.PROVIDER)
                                        .build(issuer.getPublicKey())))
                .isTrue();
        assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue())
                .isEqualTo(new DEROctetString(new DEROctetString(nonce)));
        return basic;
    }
}
