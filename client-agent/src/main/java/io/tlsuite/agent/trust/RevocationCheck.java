package io.tlsuite.agent.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Revocation of one certificate: OCSP at the responder named in its authorityInfoAccess (RFC 6960),
 * and when that gives no answer, the CRL at its cRLDistributionPoints (RFC 5280 §5). Both answers
 * are checked against the issuer's key; an answer that does not verify counts as none.
 */
public final class RevocationCheck {

    /** What was learnt and how. */
    public record Verdict(Status status, String method, String detail) {}

    public enum Status {
        GOOD,
        REVOKED,
        UNKNOWN
    }

    private final CaClient http;

    public RevocationCheck(CaClient http) {
        this.http = http;
    }

    public Verdict check(X509Certificate cert, X509Certificate issuer) {
        String ocspProblem;
        try {
            Verdict v = ocsp(cert, issuer);
            if (v != null) {
                return v;
            }
            ocspProblem = "no OCSP responder in the certificate";
        } catch (Exception e) {
            ocspProblem = "OCSP failed: " + e.getMessage();
        }
        try {
            Verdict v = crl(cert, issuer);
            if (v != null) {
                return new Verdict(v.status(), v.method(), v.detail() + " (" + ocspProblem + ")");
            }
            return new Verdict(Status.UNKNOWN, "none", ocspProblem + "; no CRL distribution point");
        } catch (Exception e) {
            return new Verdict(
                    Status.UNKNOWN, "none", ocspProblem + "; CRL failed: " + e.getMessage());
        }
    }

    private Verdict ocsp(X509Certificate cert, X509Certificate issuer) throws Exception {
        List<String> urls = ocspUrls(cert);
        if (urls.isEmpty()) {
            return null;
        }
        CertificateID id =
                new CertificateID(
                        new JcaDigestCalculatorProviderBuilder()
                                .build()
                                .get(CertificateID.HASH_SHA1),
                        new JcaX509CertificateHolder(issuer),
                        cert.getSerialNumber());
        byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        byte[] answer = http.fetch(URI.create(urls.get(0)), "application/ocsp-request", request);
        OCSPResp resp = new OCSPResp(answer);
        if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new IOException("responder status " + resp.getStatus());
        }
        BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
        if (!basic.isSignatureValid(
                new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
            throw new IOException("response not signed by the issuer");
        }
        for (SingleResp single : basic.getResponses()) {
            if (!single.getCertID().equals(id)) {
                continue;
            }
            CertificateStatus status = single.getCertStatus();
            if (status == CertificateStatus.GOOD) {
                return new Verdict(Status.GOOD, "ocsp", "good at " + urls.get(0));
            }
            if (status instanceof RevokedStatus r) {
                return new Verdict(
                        Status.REVOKED,
                        "ocsp",
                        "revoked at "
                                + r.getRevocationTime().toInstant()
                                + " (OCSP "
                                + urls.get(0)
                                + ")");
            }
            return new Verdict(Status.UNKNOWN, "ocsp", "responder does not know the certificate");
        }
        throw new IOException("the response does not cover the certificate");
    }

    private Verdict crl(X509Certificate cert, X509Certificate issuer) throws Exception {
        List<String> urls = crlUrls(cert);
        if (urls.isEmpty()) {
            return null;
        }
        byte[] der = http.fetch(URI.create(urls.get(0)), null, null);
        X509CRL crl =
                (X509CRL)
                        CertificateFactory.getInstance("X.509")
                                .generateCRL(new ByteArrayInputStream(der));
        crl.verify(issuer.getPublicKey());
        BigInteger serial = cert.getSerialNumber();
        var entry = crl.getRevokedCertificate(serial);
        if (entry != null) {
            return new Verdict(
                    Status.REVOKED,
                    "crl",
                    "listed in the CRL "
                            + urls.get(0)
                            + " since "
                            + entry.getRevocationDate().toInstant());
        }
        return new Verdict(Status.GOOD, "crl", "not in the CRL " + urls.get(0));
    }

    static List<String> ocspUrls(X509Certificate cert) throws IOException {
        List<String> out = new ArrayList<>();
        byte[] ext = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (ext == null) {
            return out;
        }
        AuthorityInformationAccess aia =
                AuthorityInformationAccess.getInstance(
                        ASN1OctetString.getInstance(ext).getOctets());
        for (AccessDescription d : aia.getAccessDescriptions()) {
            if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                    && d.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
                out.add(ASN1IA5String.getInstance(d.getAccessLocation().getName()).getString());
            }
        }
        return out;
    }

    static List<String> crlUrls(X509Certificate cert) throws IOException {
        List<String> out = new ArrayList<>();
        byte[] ext = cert.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (ext == null) {
            return out;
        }
        CRLDistPoint points =
                CRLDistPoint.getInstance(ASN1OctetString.getInstance(ext).getOctets());
        for (DistributionPoint p : points.getDistributionPoints()) {
            DistributionPointName name = p.getDistributionPoint();
            if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                continue;
            }
            for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
                if (g.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    out.add(ASN1IA5String.getInstance(g.getName()).getString());
                }
            }
        }
        return out;
    }

    static List<String> ocspUrlsQuietly(X509Certificate cert) {
        try {
            return ocspUrls(cert);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static List<String> crlUrlsQuietly(X509Certificate cert) {
        try {
            return crlUrls(cert);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
