package io.tlsuite.handshake.stapling;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponseBytes;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.jcajce.JcaCertificateID;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Asks the CA's OCSP responder about one of our certificates (RFC 6960, HTTP POST of RFC 6960
 * Appendix A.1) and checks the answer before anything is stapled: a successful basic response,
 * signed by the issuer or by a responder certificate the issuer delegated (id-kp-OCSPSigning, RFC
 * 6960 §4.2.2.2), about exactly this certificate, already valid and not yet past nextUpdate. No
 * nonce: one response is stapled to every client until it is refreshed. A response the issuer
 * signed itself is stapled without the certificates the responder attached (see {@link
 * #withoutCertificates}).
 */
final class OcspResponderClient {
    /** A response without nextUpdate is treated as valid this long after its thisUpdate. */
    static final Duration DEFAULT_VALIDITY = Duration.ofHours(1);

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final URI responder;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;

    OcspResponderClient(URI responder, Duration timeout, Clock clock) {
        this.responder = responder;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    URI responder() {
        return responder;
    }

    FetchedResponse fetch(X509Certificate leaf, X509Certificate issuer) throws OcspFetchException {
        CertificateID id = certificateId(leaf, issuer);
        byte[] der = post(request(id));
        return check(der, id, issuer);
    }

    private static CertificateID certificateId(X509Certificate leaf, X509Certificate issuer)
            throws OcspFetchException {
        try {
            return new JcaCertificateID(
                    new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    issuer,
                    leaf.getSerialNumber());
        } catch (OperatorCreationException | OCSPException | CertificateException e) {
            throw new OcspFetchException("cannot name the certificate for OCSP", e);
        }
    }

    private static byte[] request(CertificateID id) throws OcspFetchException {
        try {
            return new OCSPReqBuilder().addRequest(id).build().getEncoded();
        } catch (OCSPException | IOException e) {
            throw new OcspFetchException("cannot build the OCSP request", e);
        }
    }

    private byte[] post(byte[] request) throws OcspFetchException {
        HttpResponse<byte[]> response;
        try {
            response =
                    http.send(
                            HttpRequest.newBuilder(responder)
                                    .timeout(timeout)
                                    .header("Content-Type", "application/ocsp-request")
                                    .header("Accept", "application/ocsp-response")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new OcspFetchException("OCSP responder " + responder + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OcspFetchException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new OcspFetchException(
                    "OCSP responder " + responder + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** The checks of RFC 6960 §3.2 a client would make, so that we never staple a bad answer. */
    FetchedResponse check(byte[] der, CertificateID id, X509Certificate issuer)
            throws OcspFetchException {
        try {
            OCSPResp resp = new OCSPResp(der);
            if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new OcspFetchException("OCSP response status " + resp.getStatus());
            }
            if (!(resp.getResponseObject() instanceof BasicOCSPResp basic)) {
                throw new OcspFetchException("not a basic OCSP response");
            }
            boolean byIssuer = verifySignature(basic, issuer);
            SingleResp single = null;
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            for (SingleResp s : basic.getResponses()) {
                // Same serial and same issuer, whichever hash the responder used for the CertID.
                if (s.getCertID().getSerialNumber().equals(id.getSerialNumber())
                        && s.getCertID()
                                .matchesIssuer(
                                        issuerHolder,
                                        new JcaDigestCalculatorProviderBuilder().build())) {
                    single = s;
                }
            }
            if (single == null) {
                throw new OcspFetchException("the OCSP response is about another certificate");
            }
            Instant now = clock.instant();
            Instant thisUpdate = single.getThisUpdate().toInstant();
            Instant nextUpdate =
                    single.getNextUpdate() == null
                            ? thisUpdate.plus(DEFAULT_VALIDITY)
                            : single.getNextUpdate().toInstant();
            if (thisUpdate.isAfter(now.plus(CLOCK_SKEW)) || !now.isBefore(nextUpdate)) {
                throw new OcspFetchException(
                        "OCSP response valid " + thisUpdate + " to " + nextUpdate + ", not now");
            }
            Object status = single.getCertStatus();
            String name =
                    status == null
                            ? "good"
                            : status instanceof RevokedStatus ? "revoked" : "unknown";
            byte[] stapled = byIssuer ? withoutCertificates(basic, issuer).orElse(der) : der;
            return new FetchedResponse(stapled.clone(), thisUpdate, nextUpdate, name);
        } catch (IOException | CertificateException | OCSPException | OperatorCreationException e) {
            throw new OcspFetchException("unparsable OCSP response", e);
        }
    }

    /** True when the issuer signed it itself, false for a delegated responder. */
    private static boolean verifySignature(BasicOCSPResp basic, X509Certificate issuer)
            throws OcspFetchException {
        try {
            if (verifies(basic, issuer.getPublicKey())) {
                return true;
            }
            // RFC 6960 §4.2.2.2: a delegated responder, certified by the issuer for OCSP signing.
            for (X509CertificateHolder holder : basic.getCerts()) {
                X509Certificate responder =
                        new JcaX509CertificateConverter().getCertificate(holder);
                List<String> eku = responder.getExtendedKeyUsage();
                if (eku != null
                        && eku.contains(KeyPurposeId.id_kp_OCSPSigning.getId())
                        && responder
                                .getIssuerX500Principal()
                                .equals(issuer.getSubjectX500Principal())) {
                    responder.verify(issuer.getPublicKey());
                    responder.checkValidity();
                    if (verifies(basic, responder.getPublicKey())) {
                        return false;
                    }
                }
            }
        } catch (Exception e) {
            throw new OcspFetchException("OCSP response signature does not verify", e);
        }
        throw new OcspFetchException("OCSP response not signed by the issuer or its responder");
    }

    /**
     * The same response without its {@code certs} (RFC 6960 §4.2.1: optional, to help verify the
     * signature). When the issuer signed it, every client already holds that certificate (it is in
     * the chain we send, and the CertID names it), so stapling it again only grows the handshake
     * (RFC 6066 §8 asks servers to keep stapled data small). The signature covers only
     * tbsResponseData, so it still verifies; checked again here, else the original is kept.
     */
    private static Optional<byte[]> withoutCertificates(
            BasicOCSPResp basic, X509Certificate issuer) {
        if (basic.getCerts().length == 0) {
            return Optional.empty();
        }
        try {
            BasicOCSPResponse asn1 = BasicOCSPResponse.getInstance(basic.getEncoded());
            BasicOCSPResponse trimmed =
                    new BasicOCSPResponse(
                            asn1.getTbsResponseData(),
                            asn1.getSignatureAlgorithm(),
                            asn1.getSignature(),
                            null);
            byte[] der =
                    new OCSPResponse(
                                    new OCSPResponseStatus(OCSPResponseStatus.SUCCESSFUL),
                                    new ResponseBytes(
                                            OCSPObjectIdentifiers.id_pkix_ocsp_basic,
                                            new DEROctetString(
                                                    trimmed.getEncoded(ASN1Encoding.DER))))
                            .getEncoded(ASN1Encoding.DER);
            BasicOCSPResp check = (BasicOCSPResp) new OCSPResp(der).getResponseObject();
            return verifies(check, issuer.getPublicKey()) ? Optional.of(der) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static boolean verifies(BasicOCSPResp basic, PublicKey key) throws Exception {
        return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
    }
}
