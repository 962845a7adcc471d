package io.tlsuite.protocol.handshake;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.cert.CertificateValidator;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.crypto.SignatureScheme;
import io.tlsuite.protocol.message.Extension;
import io.tlsuite.protocol.message.HandshakeMessage;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Steps both roles share: certificates, CertificateVerify, Finished, application secrets. */
public final class Handshakes {
    private Handshakes() {}

    public static List<X509Certificate> parseChain(HandshakeMessage.Certificate msg)
            throws TlsAlertException {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (HandshakeMessage.CertificateEntry e : msg.entries()) {
                chain.add(
                        (X509Certificate)
                                cf.generateCertificate(new ByteArrayInputStream(e.certData())));
            }
        } catch (CertificateException | RuntimeException e) {
            throw new TlsAlertException(
                    AlertDescription.BAD_CERTIFICATE, "unparsable certificate", e);
        }
        return chain;
    }

    public static HandshakeMessage.Certificate certificateMessage(
            byte[] context, List<X509Certificate> chain) throws TlsAlertException {
        return certificateMessage(context, chain, null);
    }

    /**
     * A TLS 1.3 Certificate; with {@code leafOcspResponse} (not null) the leaf's entry carries it
     * as status_request (RFC 8446 §4.4.2.1), the other entries nothing.
     */
    public static HandshakeMessage.Certificate certificateMessage(
            byte[] context, List<X509Certificate> chain, byte[] leafOcspResponse)
            throws TlsAlertException {
        List<HandshakeMessage.CertificateEntry> entries = new ArrayList<>();
        for (X509Certificate c : chain) {
            List<Extension> extensions =
                    entries.isEmpty() && leafOcspResponse != null
                            ? List.of(new Extension.CertificateStatus(leafOcspResponse))
                            : List.of();
            try {
                entries.add(new HandshakeMessage.CertificateEntry(c.getEncoded(), extensions));
            } catch (CertificateEncodingException e) {
                throw new TlsAlertException(
                        AlertDescription.INTERNAL_ERROR, "cannot encode our certificate", e);
            }
        }
        return new HandshakeMessage.Certificate(context, entries);
    }

    /**
     * Validates the peer chain with the configured validator; without one the handshake fails
     * closed.
     */
    public static void validatePeer(HandshakeContext ctx, List<X509Certificate> chain)
            throws TlsAlertException {
        validatePeer(ctx, chain, null);
    }

    /**
     * The peer's chain through the configured validator; a client passes the OCSP response the
     * server stapled ({@code stapledOcsp}, null for none).
     */
    public static void validatePeer(
            HandshakeContext ctx, List<X509Certificate> chain, byte[] stapledOcsp)
            throws TlsAlertException {
        CertificateValidator v = ctx.config.certificateValidator();
        if (v == null) {
            throw new TlsAlertException(
                    AlertDescription.CERTIFICATE_UNKNOWN, "no certificate validator configured");
        }
        if (ctx.client) {
            v.validate(
                    chain,
                    CertificateValidator.Purpose.SERVER,
                    ctx.config.serverName(),
                    java.util.Optional.ofNullable(stapledOcsp).map(byte[]::clone));
        } else {
            v.validate(chain, CertificateValidator.Purpose.CLIENT, null);
        }
    }

    /** Our CertificateVerify over the current transcript, with a scheme the peer offered. */
    public static HandshakeMessage.CertificateVerify signCertificateVerify(
            HandshakeContext ctx, List<Integer> peerSchemes) throws TlsAlertException {
        List<Integer> usable = new ArrayList<>();
        for (int code : peerSchemes) {
            SignatureScheme.of(code)
                    .filter(ctx.config.signatureSchemes()::contains)
                    .ifPresent(s -> usable.add(code));
        }
        SignatureScheme scheme =
                SignatureScheme.select(ctx.identity.privateKey(), usable)
                        .orElseThrow(
                                () ->
                                        new TlsAlertException(
                                                AlertDescription.HANDSHAKE_FAILURE,
                                                "no common signature scheme for our key"));
        byte[] content =
                SignatureScheme.certificateVerifyContent(!ctx.client, ctx.transcript.currentHash());
        return new HandshakeMessage.CertificateVerify(
                scheme.code(),
                scheme.sign(ctx.identity.privateKey(), content, ctx.config.random()));
    }

    /**
     * Checks the peer's CertificateVerify: TLS 1.3 signs the transcript hash with a context string
     * (RFC 8446 §4.4.3), TLS 1.2 all handshake messages so far (RFC 5246 §7.4.8). The scheme must
     * pass {@link #peerSignatureScheme}; a signature that does not verify is decrypt_error.
     */
    public static void verifyCertificateVerify(
            HandshakeContext ctx, HandshakeMessage.CertificateVerify cv, X509Certificate leaf)
            throws TlsAlertException {
        SignatureScheme scheme =
                peerSignatureScheme(ctx, cv.scheme(), leaf.getPublicKey(), "CertificateVerify");
        byte[] content =
                ctx.version == ProtocolVersion.TLS_1_2
                        ? ctx.transcript.bytes()
                        : SignatureScheme.certificateVerifyContent(
                                ctx.client, ctx.transcript.currentHash());
        if (!scheme.verify(leaf.getPublicKey(), content, cv.signature())) {
            throw new TlsAlertException(
                    AlertDescription.DECRYPT_ERROR, "CertificateVerify signature invalid");
        }
    }

    /**
     * The scheme of a signature from the peer (CertificateVerify of either version, TLS 1.2
     * ServerKeyExchange): one we offered that the negotiated version allows (RFC 8446 §4.4.3, RFC
     * 5246 §7.4.1.4.1) and that fits the signing certificate's key; else illegal_parameter.
     */
    public static SignatureScheme peerSignatureScheme(
            HandshakeContext ctx, int code, PublicKey key, String message)
            throws TlsAlertException {
        boolean tls12 = ctx.version == ProtocolVersion.TLS_1_2;
        SignatureScheme scheme =
                SignatureScheme.of(code)
                        .filter(ctx.config.signatureSchemes()::contains)
                        .filter(
                                tls12
                                        ? SignatureScheme::allowedInTls12
                                        : SignatureScheme::allowedInTls13)
                        .orElseThrow(
                                () ->
                                        TlsAlertException.illegalParameter(
                                                message
                                                        + " signature scheme not offered: 0x"
                                                        + Integer.toHexString(code)));
        if (!scheme.matches(key)) {
            throw TlsAlertException.illegalParameter(
                    message + " signature scheme does not match the certificate key");
        }
        return scheme;
    }

    public static HandshakeMessage.Finished finished(HandshakeContext ctx, byte[] baseKey) {
        return new HandshakeMessage.Finished(
                ctx.keySchedule.verifyData(baseKey, ctx.transcript.currentHash()));
    }

    /** RFC 8446 §4.4.4: a wrong verify_data is decrypt_error. Compared in constant time. */
    public static void verifyFinished(
            HandshakeContext ctx, HandshakeMessage.Finished f, byte[] baseKey)
            throws TlsAlertException {
        byte[] expected = ctx.keySchedule.verifyData(baseKey, ctx.transcript.currentHash());
        if (f.verifyData().length != expected.length) {
            throw TlsAlertException.decodeError("Finished of " + f.verifyData().length + " bytes");
        }
        if (!MessageDigest.isEqual(expected, f.verifyData())) {
            throw new TlsAlertException(
                    AlertDescription.DECRYPT_ERROR, "Finished verify_data mismatch");
        }
    }

    /** After the server Finished is in the transcript: master secret and application secrets. */
    public static void deriveApplicationSecrets(HandshakeContext ctx) {
        ctx.keySchedule.deriveMasterSecret();
        byte[] hash = ctx.transcript.currentHash();
        ctx.clientApplicationSecret = ctx.keySchedule.clientApplicationTrafficSecret(hash);
        ctx.serverApplicationSecret = ctx.keySchedule.serverApplicationTrafficSecret(hash);
        ctx.exporterMasterSecret = ctx.keySchedule.exporterMasterSecret(hash);
        ctx.keyLog("CLIENT_TRAFFIC_SECRET_0", ctx.clientApplicationSecret);
        ctx.keyLog("SERVER_TRAFFIC_SECRET_0", ctx.serverApplicationSecret);
        ctx.keyLog("EXPORTER_SECRET", ctx.exporterMasterSecret);
    }

    public static void deriveHandshakeSecrets(HandshakeContext ctx) {
        byte[] hash = ctx.transcript.currentHash();
        ctx.clientHandshakeSecret = ctx.keySchedule.clientHandshakeTrafficSecret(hash);
        ctx.serverHandshakeSecret = ctx.keySchedule.serverHandshakeTrafficSecret(hash);
        ctx.keyLog("CLIENT_HANDSHAKE_TRAFFIC_SECRET", ctx.clientHandshakeSecret);
        ctx.keyLog("SERVER_HANDSHAKE_TRAFFIC_SECRET", ctx.serverHandshakeSecret);
    }
}
