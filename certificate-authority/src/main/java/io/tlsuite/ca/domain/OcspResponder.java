package io.tlsuite.ca.domain;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * An RFC 6960 OCSP responder for the certificates one CA issued. The CA signs the responses itself
 * (§4.2.2.2: the responder is the issuing CA) and includes its certificate.
 */
public final class OcspResponder {

    /** What the store knows of a serial: nothing (unknown), good, or revoked. */
    public interface StatusLookup {
        /** Empty when the CA never issued this serial. */
        Optional<Optional<RevokedEntry>> find(BigInteger serial);
    }

    /** Each entry is a store lookup and a line of the signed response: a handful is plenty. */
    public static final int MAX_REQUEST_ENTRIES = 16;

    /** RFC 8954 §2.1: a nonce is 1 to 32 octets. */
    public static final int MAX_NONCE_OCTETS = 32;

    private final CaCredentials issuer;
    private final X509CertificateHolder issuerHolder;
    private final Duration validity;
    private final DigestCalculatorProvider digests;

    /**
     * @param validity how long a response may be cached: its nextUpdate (§2.4)
     */
    public OcspResponder(CaCredentials issuer, Duration validity) {
        this.issuer = issuer;
        this.issuerHolder = issuer.holder();
        this.validity = validity;
        try {
            this.digests =
                    new JcaDigestCalculatorProviderBuilder()
                            .setProvider(BouncyCastle.PROVIDER)
                            .build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DER OCSPResponse for a DER OCSPRequest; a malformed request gets malformedRequest. */
    public byte[] respond(byte[] requestDer, StatusLookup lookup, Instant now) {
        OCSPReq request;
        try {
            request = new OCSPReq(requestDer);
            int entries = request.getRequestList().length;
            if (entries == 0 || entries > MAX_REQUEST_ENTRIES || !nonceInBounds(request)) {
                return error(OCSPRespBuilder.MALFORMED_REQUEST);
            }
        } catch (IOException | RuntimeException e) {
            return error(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        try {
            BasicOCSPRespBuilder builder =
                    new BasicOCSPRespBuilder(
                            new RespID(
                                    SubjectPublicKeyInfo.getInstance(
                                            issuer.certificate().getPublicKey().getEncoded()),
                                    digests.get(CertificateID.HASH_SHA1)));
            Date thisUpdate = Date.from(now);
            Date nextUpdate = Date.from(now.plus(validity));
            for (Req single : request.getRequestList()) {
                CertificateID id = single.getCertID();
                builder.addResponse(id, status(id, lookup), thisUpdate, nextUpdate, null);
            }
            // §4.4.1: echo the nonce so the client can tie the response to its request.
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            BasicOCSPResp basic =
                    builder.build(
                            issuer.signer(),
                            new X509CertificateHolder[] {issuerHolder},
                            thisUpdate);
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OCSPException | OperatorCreationException | IOException e) {
            return error(OCSPRespBuilder.INTERNAL_ERROR);
        }
    }

    /** No nonce, or an OCTET STRING of 1 to 32 octets inside the extension (RFC 8954 §2.1). */
    private static boolean nonceInBounds(OCSPReq request) {
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce == null) {
            return true;
        }
        byte[] value = nonce.getExtnValue().getOctets();
        try {
            int length = ASN1OctetString.getInstance(value).getOctets().length;
            return length >= 1 && length <= MAX_NONCE_OCTETS;
        } catch (IllegalArgumentException e) {
            // some clients put the nonce bytes directly into extnValue
            return value.length >= 1 && value.length <= MAX_NONCE_OCTETS;
        }
    }

    private CertificateStatus status(CertificateID id, StatusLookup lookup) throws OCSPException {
        if (!id.matchesIssuer(issuerHolder, digests)) {
            return new UnknownStatus();
        }
        Optional<Optional<RevokedEntry>> known = lookup.find(id.getSerialNumber());
        if (known.isEmpty()) {
            return new UnknownStatus();
        }
        if (known.get().isEmpty()) {
            return CertificateStatus.GOOD;
        }
        RevokedEntry revoked = known.get().get();
        if (revoked.reason() == RevocationReason.UNSPECIFIED) {
            return new RevokedStatus(Date.from(revoked.revokedAt()));
        }
        return new RevokedStatus(Date.from(revoked.revokedAt()), revoked.reason().code());
    }

    private static byte[] error(int status) {
        try {
            OCSPResp response = new OCSPRespBuilder().build(status, null);
            return response.getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
