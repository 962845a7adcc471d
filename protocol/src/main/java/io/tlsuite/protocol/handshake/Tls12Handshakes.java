package io.tlsuite.protocol.handshake;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.crypto.SignatureScheme;
import io.tlsuite.protocol.crypto.tls12.Tls12KeySchedule;
import io.tlsuite.protocol.crypto.tls12.Tls12Prf;
import io.tlsuite.protocol.message.Extension;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.Tls12HandshakeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Steps both TLS 1.2 roles share: certificates, key derivation, Finished, CertificateVerify. */
public final class Tls12Handshakes {
    private Tls12Handshakes() {}

    /** RFC 8446 §4.1.3: the last 8 bytes of ServerHello.random of a 1.3-capable server in 1.2. */
    public static final byte[] DOWNGRADE_TLS12 =
            "DOWNGRD\u0001".getBytes(StandardCharsets.US_ASCII);

    /** RFC 5746 §3.3: TLS_EMPTY_RENEGOTIATION_INFO_SCSV. */
    public static final int RENEGOTIATION_SCSV = 0x00FF;

    /**
     * RFC 5746 §3.2: renegotiation_info of an initial handshake, an empty renegotiated_connection.
     */
    public static final byte[] EMPTY_RENEGOTIATION_INFO = {0};

    /** The body of a TLS 1.2 extension this engine keeps undecoded, if present. */
    public static Optional<byte[]> extension(List<Extension> extensions, int type) {
        for (Extension e : extensions) {
            if (e instanceof Extension.Unknown u && u.type() == type) {
                return Optional.of(u.data());
            }
        }
        return Optional.empty();
    }

    public static Extension extension(int type, byte[] body) {
        return new Extension.Unknown(type, body);
    }

    public static HandshakeMessage certificateMessage(List<X509Certificate> chain)
            throws TlsAlertException {
        List<byte[]> ders = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                ders.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new TlsAlertException(
                        AlertDescription.INTERNAL_ERROR, "cannot encode our certificate", e);
            }
        }
        return new HandshakeMessage.Tls12(new Tls12HandshakeMessage.Certificate12(ders));
    }

    public static List<X509Certificate> parseChain(Tls12HandshakeMessage.Certificate12 msg)
            throws TlsAlertException {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] der : msg.certificates()) {
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | RuntimeException e) {
            throw new TlsAlertException(
                    AlertDescription.BAD_CERTIFICATE, "unparsable certificate", e);
        }
        return chain;
    }

    /**
     * After the ClientKeyExchange is in the transcript: the extended master secret (RFC 7627 §4,
     * session hash = transcript hash so far; the RFC 5246 §8.1 one for a client without it), the
     * NSS key log line and the pending ciphers. The pre-master secret is zeroised here.
     */
    public static void deriveKeys(HandshakeContext ctx, byte[] preMasterSecret) {
        try {
            ctx.tls12MasterSecret =
                    ctx.tls12ExtendedMasterSecret
                            ? Tls12KeySchedule.extendedMasterSecret(
                                    ctx.tls12Suite.hash(),
                                    preMasterSecret,
                                    ctx.transcript.currentHash())
                            // RFC 7627 §5.3: a legacy client that did not offer it.
                            : Tls12KeySchedule.masterSecret(
                                    ctx.tls12Suite.hash(),
                                    preMasterSecret,
                                    ctx.clientRandom,
                                    ctx.serverRandom);
        } finally {
            Arrays.fill(preMasterSecret, (byte) 0);
        }
        installMasterSecret(ctx);
    }

    /**
     * With {@code ctx.tls12MasterSecret} set (derived, or a resumed session's): the NSS key log
     * line and the pending ciphers from the key block of this handshake's randoms.
     */
    public static void installMasterSecret(HandshakeContext ctx) {
        ctx.keyLog("CLIENT_RANDOM", ctx.tls12MasterSecret);
        Tls12KeySchedule.KeyBlock block =
                Tls12KeySchedule.keyBlock(
                        ctx.tls12Suite, ctx.tls12MasterSecret, ctx.clientRandom, ctx.serverRandom);
        ctx.setPendingTls12Ciphers(block);
        block.destroy();
    }

    /** RFC 5246 §7.4.9: our Finished over the transcript so far. */
    public static HandshakeMessage.Finished finished(HandshakeContext ctx, boolean client) {
        return new HandshakeMessage.Finished(
                Tls12KeySchedule.verifyData(
                        ctx.tls12Suite.hash(),
                        ctx.tls12MasterSecret,
                        client,
                        ctx.transcript.currentHash()));
    }

    /** The peer's Finished: decrypt_error when it does not match (constant-time compare). */
    public static void verifyFinished(HandshakeContext ctx, HandshakeMessage.Finished f)
            throws TlsAlertException {
        byte[] expected =
                Tls12KeySchedule.verifyData(
                        ctx.tls12Suite.hash(),
                        ctx.tls12MasterSecret,
                        !ctx.client,
                        ctx.transcript.currentHash());
        if (f.verifyData().length != expected.length) {
            throw TlsAlertException.decodeError("Finished of " + f.verifyData().length + " bytes");
        }
        if (!MessageDigest.isEqual(expected, f.verifyData())) {
            throw new TlsAlertException(
                    AlertDescription.DECRYPT_ERROR, "Finished verify_data mismatch");
        }
    }

    /** Our TLS 1.2 signature schemes (those enabled and allowed in 1.2), in our order. */
    public static List<Integer> ourSchemes(HandshakeContext ctx) {
        return ctx.config.signatureSchemes().stream()
                .filter(SignatureScheme::allowedInTls12)
                .map(SignatureScheme::code)
                .toList();
    }

    /** Our CertificateVerify over all handshake messages so far, with a scheme the peer offered. */
    public static HandshakeMessage.CertificateVerify signCertificateVerify(
            HandshakeContext ctx, List<Integer> peerSchemes) throws TlsAlertException {
        List<Integer> usable = new ArrayList<>();
        for (int code : peerSchemes) {
            if (ourSchemes(ctx).contains(code)) {
                usable.add(code);
            }
        }
        SignatureScheme scheme =
                SignatureScheme.select(ctx.identity.privateKey(), usable, false)
                        .orElseThrow(
                                () ->
                                        new TlsAlertException(
                                                AlertDescription.HANDSHAKE_FAILURE,
                                                "no common signature scheme for our key"));
        return new HandshakeMessage.CertificateVerify(
                scheme.code(),
                scheme.sign(
                        ctx.identity.privateKey(), ctx.transcript.bytes(), ctx.config.random()));
    }

    /**
     * RFC 5705 exporter: {@code PRF(master_secret, label, client_random + server_random [+
     * context_length + context])}.
     */
    public static byte[] exporter(HandshakeContext ctx, String label, byte[] context, int length) {
        byte[] seed = new byte[64 + (context == null ? 0 : 2 + context.length)];
        System.arraycopy(ctx.clientRandom, 0, seed, 0, 32);
        System.arraycopy(ctx.serverRandom, 0, seed, 32, 32);
        if (context != null) {
            seed[64] = (byte) (context.length >>> 8);
            seed[65] = (byte) context.length;
            System.arraycopy(context, 0, seed, 66, context.length);
        }
        return Tls12Prf.prf(ctx.tls12Suite.hash(), ctx.tls12MasterSecret, label, seed, length);
    }
}
