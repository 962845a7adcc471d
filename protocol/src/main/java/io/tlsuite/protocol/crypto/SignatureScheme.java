package io.tlsuite.protocol.crypto;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The signature schemes this engine signs and verifies with (RFC 8446 §4.2.3), with the {@linkplain
 * CryptoBackends#active() active backend}.
 */
public enum SignatureScheme {
    ECDSA_SECP256R1_SHA256(0x0403, "SHA256withECDSA"),
    ECDSA_SECP384R1_SHA384(0x0503, "SHA384withECDSA"),
    RSA_PSS_RSAE_SHA256(0x0804, "RSASSA-PSS"),
    ED25519(0x0807, "Ed25519"),
    /** TLS 1.2 only (RFC 8446 §4.2.3: not for TLS 1.3 CertificateVerify). */
    RSA_PKCS1_SHA256(0x0401, "SHA256withRSA");

    private final int code;
    private final String jcaName;

    SignatureScheme(int code, String jcaName) {
        this.code = code;
        this.jcaName = jcaName;
    }

    public int code() {
        return code;
    }

    public static Optional<SignatureScheme> of(int code) {
        for (SignatureScheme s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Whether this scheme can be used with the key (type and, for ECDSA, curve size). */
    public boolean matches(Key key) {
        String alg = key.getAlgorithm();
        return switch (this) {
            case ECDSA_SECP256R1_SHA256 ->
                    key instanceof ECKey ec
                            && ec.getParams().getCurve().getField().getFieldSize() == 256;
            case ECDSA_SECP384R1_SHA384 ->
                    key instanceof ECKey ec
                            && ec.getParams().getCurve().getField().getFieldSize() == 384;
            case RSA_PSS_RSAE_SHA256, RSA_PKCS1_SHA256 ->
                    key instanceof RSAKey && !"RSASSA-PSS".equals(alg);
            case ED25519 -> "Ed25519".equals(alg) || "EdDSA".equals(alg);
        };
    }

    /** Whether TLS 1.3 allows this scheme in CertificateVerify (RFC 8446 §4.2.3: no PKCS#1). */
    public boolean allowedInTls13() {
        return this != RSA_PKCS1_SHA256;
    }

    /** Whether TLS 1.2 signatures may use it (RFC 5246 §7.4.1.4.1; Ed25519 left out here). */
    public boolean allowedInTls12() {
        return this != ED25519;
    }

    /** Our preferred TLS 1.3 scheme for {@code key} among the peer's offered code points. */
    public static Optional<SignatureScheme> select(Key key, List<Integer> peerSchemes) {
        return select(key, peerSchemes, true);
    }

    /** Our preferred scheme for {@code key} among the peer's code points, for TLS 1.3 or 1.2. */
    public static Optional<SignatureScheme> select(
            Key key, List<Integer> peerSchemes, boolean tls13) {
        for (int code : peerSchemes) {
            Optional<SignatureScheme> s = of(code);
            if (s.isPresent()
                    && (tls13 ? s.get().allowedInTls13() : s.get().allowedInTls12())
                    && s.get().matches(key)) {
                return s;
            }
        }
        return Optional.empty();
    }

    /** The JCA algorithm name. */
    String jcaName() {
        return jcaName;
    }

    /**
     * The signature of {@code content}, by the {@linkplain CryptoBackends#active() active backend}.
     */
    public byte[] sign(PrivateKey key, byte[] content, SecureRandom random)
            throws TlsAlertException {
        try {
            return CryptoBackends.active().sign(this, key, content, random);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new TlsAlertException(AlertDescription.INTERNAL_ERROR, "signing failed", e);
        }
    }

    /** Whether {@code signature} verifies; false for any malformed key or signature. */
    public boolean verify(PublicKey key, byte[] content, byte[] signature) {
        return CryptoBackends.active().verify(this, key, content, signature);
    }

    /** RFC 8446 §4.4.3: 64 spaces, the context string, a zero byte, then the transcript hash. */
    public static byte[] certificateVerifyContent(boolean server, byte[] transcriptHash) {
        byte[] context =
                (server ? "TLS 1.3, server CertificateVerify" : "TLS 1.3, client CertificateVerify")
                        .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[64 + context.length + 1 + transcriptHash.length];
        Arrays.fill(out, 0, 64, (byte) 0x20);
        System.arraycopy(context, 0, out, 64, context.length);
        System.arraycopy(transcriptHash, 0, out, 64 + context.length + 1, transcriptHash.length);
        return out;
    }
}
