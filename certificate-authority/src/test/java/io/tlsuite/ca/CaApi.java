package io.tlsuite.ca;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tlsuite.ca.domain.Pem;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Calls to the CA's REST API and independent checks with the JDK's PKIX validator. */
final class CaApi {

    static final String ADMIN = "Bearer test-admin-token";
    static final String PROVISIONER = "Bearer test-provisioner-token";

    private CaApi() {}

    static Response issue(String csr, String profile, Object... extra) {
        return issueAs(PROVISIONER, csr, profile, extra);
    }

    /** Issuance with the given {@code Authorization} header (null: none). */
    static Response issueAs(String authorization, String csr, String profile, Object... extra) {
        Map<String, Object> body = new HashMap<>();
        body.put("csr", csr);
        body.put("profile", profile);
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        var request = given().contentType(ContentType.JSON);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.body(body).post("/api/v1/certificates");
    }

    static Response issueOk(String csr, String profile, Object... extra) {
        Response response = issue(csr, profile, extra);
        if (response.statusCode() != 201) {
            throw new AssertionError("issue failed: " + response.asString());
        }
        return response;
    }

    static Response revoke(String serial, String reason) {
        return given().contentType(ContentType.JSON)
                .header("Authorization", ADMIN)
                .body(Map.of("reason", reason))
                .post("/api/v1/certificates/" + serial + "/revoke");
    }

    static X509Certificate root() {
        return Pem.certificates(given().get("/api/v1/ca/root").asString()).get(0);
    }

    static List<X509Certificate> chain() {
        return Pem.certificates(given().get("/api/v1/ca/chain").asString());
    }

    static X509Certificate leaf(Response issued) {
        return Pem.certificates(issued.path("certificate")).get(0);
    }

    /** RFC 5280 §6 path validation by the JDK alone (no Bouncy Castle), revocation off. */
    static void pkixValidate(X509Certificate leaf) throws Exception {
        pkixValidate(leaf, null);
    }

    /** With a CRL given: the JDK's revocation checker, CRLs only, leaf only. */
    static void pkixValidate(X509Certificate leaf, java.security.cert.X509CRL crl)
            throws Exception {
        List<X509Certificate> chain = chain();
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root(), null)));
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        if (crl == null) {
            parameters.setRevocationEnabled(false);
        } else {
            PKIXRevocationChecker checker =
                    (PKIXRevocationChecker) validator.getRevocationChecker();
            checker.setOptions(
                    EnumSet.of(
                            PKIXRevocationChecker.Option.PREFER_CRLS,
                            PKIXRevocationChecker.Option.NO_FALLBACK,
                            PKIXRevocationChecker.Option.ONLY_END_ENTITY));
            parameters.addCertPathChecker(checker);
            parameters.addCertStore(
                    java.security.cert.CertStore.getInstance(
                            "Collection",
                            new java.security.cert.CollectionCertStoreParameters(
                                    List.of(crl, chain.get(0)))));
        }
        validator.validate(
                CertificateFactory.getInstance("X.509")
                        .generateCertPath(List.of(leaf, chain.get(0))),
                parameters);
    }
}
