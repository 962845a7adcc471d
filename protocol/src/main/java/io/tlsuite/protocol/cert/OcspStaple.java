package io.tlsuite.protocol.cert;

import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Checks the OCSP response a server stapled for its leaf certificate (RFC 6066 §8, RFC 8446
 * §4.4.2.1) the way RFC 6960 §3.2 asks a client to: a successful basic response, signed by the
 * leaf's issuer or by a responder certificate that issuer delegated (id-kp-OCSPSigning, RFC 6960
 * §4.2.2.2), with a SingleResponse whose CertID names this leaf and this issuer, current at {@code
 * now} (thisUpdate not in the future, nextUpdate not past, {@link #CLOCK_SKEW} either way).
 *
 * <p>The verdict separates what the staple proves from what it cannot:
 *
 * <ul>
 *   <li>{@code GOOD} and {@code REVOKED}: a valid answer that decides.
 *   <li>{@code UNUSABLE}: an honest answer that decides nothing: past its nextUpdate (stale),
 *       responder status other than successful (tryLater, internalError, ...), or cert status
 *       unknown. A client falls back to its own revocation check, as browsers do with expired
 *       staples (servers keep stapling an old response when their responder is down).
 *   <li>{@code INVALID}: an answer no honest server sends: not DER, not a basic response, signed by
 *       someone else, about another certificate, or from the future. RFC 6066 §8 (and RFC 8446
 *       §6.2): abort with {@code bad_certificate_status_response}.
 * </ul>
 *
 * Bouncy Castle parses and verifies; no network access.
 */
public final class OcspStaple {
    /** Tolerated clock difference between us and the responder. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * A response without nextUpdate (RFC 6960 §4.2.2.1: newer information is always available) is
     * taken as current this long after its thisUpdate.
     */
    public static final Duration WITHOUT_NEXT_UPDATE = Duration.ofHours(1);

    private static final String OCSP_SIGNING = KeyPurposeId.id_kp_OCSPSigning.getId();

    public enum Status {
        GOOD,
        REVOKED,
        UNUSABLE,
        INVALID
    }

    /**
     * What the staple says. {@code thisUpdate}/{@code nextUpdate} are null when the response could
     * not be read that far; {@code revokedAt} only for {@code REVOKED}.
     */
    public record Verdict(
            Status status,
            String detail,
            Instant thisUpdate,
            Instant nextUpdate,
            Instant revokedAt) {
        static Verdict invalid(String detail) {
            return new Verdict(Status.INVALID, detail, null, null, null);
        }

        static Verdict unusable(String detail) {
            return new Verdict(Status.UNUSABLE, detail, null, null, null);
        }
    }

    private OcspStaple() {}

    /**
     * @param der the stapled OCSPResponse (RFC 6960 §4.2.1)
     * @param leaf the certificate it must be about
     * @param issuer the leaf's issuer (from the validated path), or null when unknown: then nothing
     *     can be verified and the staple is {@code UNUSABLE}
     */
    public static Verdict check(
            byte[] der, X509Certificate leaf, X509Certificate issuer, Instant now) {
        if (issuer == null) {
            return Verdict.unusable("no issuer certificate to verify the staple with");
        }
        OCSPResp resp;
        try {
            resp = new OCSPResp(der);
        } catch (IOException | RuntimeException e) {
            return Verdict.invalid("the stapled OCSP response is not a DER OCSPResponse");
        }
        if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
            return Verdict.unusable(
                    "the stapled OCSP response has responder status "
                            + responderStatus(resp.getStatus()));
        }
        BasicOCSPResp basic;
        try {
            Object o = resp.getResponseObject();
            if (!(o instanceof BasicOCSPResp b)) {
                return Verdict.invalid("the stapled OCSP response is not a basic response");
            }
            basic = b;
        } catch (Exception e) {
            return Verdict.invalid("the stapled OCSP response's body does not parse");
        }
        String signer = signer(basic, issuer, now);
        if (signer == null) {
            return Verdict.invalid(
                    "the stapled OCSP response is signed neither by the issuer "
                            + issuer.getSubjectX500Principal().getName()
                            + " nor by a responder it delegated");
        }
        SingleResp single = about(basic, leaf, issuer);
        if (single == null) {
            return Verdict.invalid(
                    "the stapled OCSP response is about another certificate (no CertID for serial "
                            + leaf.getSerialNumber().toString(16)
                            + ")");
        }
        Instant thisUpdate = single.getThisUpdate().toInstant();
        Date next = single.getNextUpdate();
        Instant nextUpdate = next == null ? thisUpdate.plus(WITHOUT_NEXT_UPDATE) : next.toInstant();
        if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
            return new Verdict(
                    Status.INVALID,
                    "the stapled OCSP response is from the future (thisUpdate " + thisUpdate + ")",
                    thisUpdate,
                    nextUpdate,
                    null);
        }
        if (now.minus(CLOCK_SKEW).isAfter(nextUpdate)) {
            return new Verdict(
                    Status.UNUSABLE,
                    "the stapled OCSP response is stale (nextUpdate " + nextUpdate + ")",
                    thisUpdate,
                    nextUpdate,
                    null);
        }
        Object status = single.getCertStatus();
        String window =
                " (" + signer + "; thisUpdate " + thisUpdate + ", nextUpdate " + nextUpdate + ")";
        if (status == null) {
            return new Verdict(Status.GOOD, "good" + window, thisUpdate, nextUpdate, null);
        }
        if (status instanceof RevokedStatus r) {
            Instant at = r.getRevocationTime().toInstant();
            return new Verdict(
                    Status.REVOKED, "revoked at " + at + window, thisUpdate, nextUpdate, at);
        }
        if (status instanceof UnknownStatus) {
            return new Verdict(
                    Status.UNUSABLE,
                    "the stapled OCSP response says the responder does not know the certificate",
                    thisUpdate,
                    nextUpdate,
                    null);
        }
        return Verdict.invalid("the stapled OCSP response has an unreadable certificate status");
    }

    /** Who signed it, in words, or null when neither the issuer nor a delegate did. */
    private static String signer(BasicOCSPResp basic, X509Certificate issuer, Instant now) {
        if (verifies(basic, issuer.getPublicKey())) {
            return "signed by the issuer";
        }
        for (X509CertificateHolder holder : basic.getCerts()) {
            try {
                X509Certificate responder =
                        new JcaX509CertificateConverter().getCertificate(holder);
                if (!responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
                        || !hasOcspSigning(responder)) {
                    continue;
                }
                responder.verify(issuer.getPublicKey());
                responder.checkValidity(Date.from(now));
                if (verifies(basic, responder.getPublicKey())) {
                    return "signed by the delegated responder "
                            + responder.getSubjectX500Principal().getName();
                }
            } catch (Exception e) {
                // Not a usable delegate: try the next one.
            }
        }
        return null;
    }

    private static boolean hasOcspSigning(X509Certificate c) throws CertificateParsingException {
        List<String> eku = c.getExtendedKeyUsage();
        return eku != null && eku.contains(OCSP_SIGNING);
    }

    private static boolean verifies(BasicOCSPResp basic, PublicKey key) {
        try {
            return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (Exception e) {
            return false;
        }
    }

    /** The SingleResponse about this leaf from this issuer, whatever hash its CertID uses. */
    private static SingleResp about(
            BasicOCSPResp basic, X509Certificate leaf, X509Certificate issuer) {
        try {
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            var digests = new JcaDigestCalculatorProviderBuilder().build();
            for (SingleResp s : basic.getResponses()) {
                if (s.getCertID().getSerialNumber().equals(leaf.getSerialNumber())
                        && s.getCertID().matchesIssuer(issuerHolder, digests)) {
                    return s;
                }
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }

    private static String responderStatus(int status) {
        return switch (status) {
            case OCSPResp.MALFORMED_REQUEST -> "malformedRequest";
            case OCSPResp.INTERNAL_ERROR -> "internalError";
            case OCSPResp.TRY_LATER -> "tryLater";
            case OCSPResp.SIG_REQUIRED -> "sigRequired";
            case OCSPResp.UNAUTHORIZED -> "unauthorized";
            default -> String.valueOf(status);
        };
    }
}
