package io.tlsuite.protocol.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * ECDSA (P-256 with SHA-256, P-384 with SHA-384) and Ed25519 with Bouncy Castle's low-level code,
 * for JDK keys. ECDSA signs with deterministic nonces (RFC 6979: HMAC-DRBG over the key and the
 * hash, so a weak random source cannot leak the key) and the base point's comb table; signatures
 * are DER as the JDK writes them, and verification accepts only strict DER with 0 < r, s < n. Each
 * method answers empty when the key is not one it can read (another curve, a key without exportable
 * value): the caller then uses the JDK.
 */
final class BcSignatures {
    private BcSignatures() {}

    static Optional<byte[]> sign(SignatureScheme scheme, PrivateKey key, byte[] content)
            throws GeneralSecurityException {
        return switch (scheme) {
            case ECDSA_SECP256R1_SHA256, ECDSA_SECP384R1_SHA384 -> ecdsaSign(scheme, key, content);
            case ED25519 -> ed25519Sign(key, content);
            default -> Optional.empty();
        };
    }

    /** Empty when the key is not one this class reads; otherwise whether the signature verifies. */
    static Optional<Boolean> verify(
            SignatureScheme scheme, PublicKey key, byte[] content, byte[] signature) {
        return switch (scheme) {
            case ECDSA_SECP256R1_SHA256, ECDSA_SECP384R1_SHA384 ->
                    ecdsaVerify(scheme, key, content, signature);
            case ED25519 -> ed25519Verify(key, content, signature);
            default -> Optional.empty();
        };
    }

    private static Optional<byte[]> ecdsaSign(
            SignatureScheme scheme, PrivateKey key, byte[] content)
            throws GeneralSecurityException {
        if (!(key instanceof ECPrivateKey ec) || ec.getS() == null) {
            return Optional.empty();
        }
        Optional<BcCurve> curve = BcCurve.of(ec.getParams());
        if (curve.isEmpty()) {
            return Optional.empty();
        }
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(digest(scheme)));
        signer.init(true, new ECPrivateKeyParameters(ec.getS(), curve.get().domain()));
        BigInteger[] rs = signer.generateSignature(hash(scheme, content));
        try {
            return Optional.of(
                    StandardDSAEncoding.INSTANCE.encode(curve.get().domain().getN(), rs[0], rs[1]));
        } catch (IOException e) {
            throw new GeneralSecurityException("ECDSA signature encoding", e);
        }
    }

    private static Optional<Boolean> ecdsaVerify(
            SignatureScheme scheme, PublicKey key, byte[] content, byte[] signature) {
        if (!(key instanceof ECPublicKey ec)) {
            return Optional.empty();
        }
        Optional<BcCurve> curve = BcCurve.of(ec.getParams());
        if (curve.isEmpty()) {
            return Optional.empty();
        }
        try {
            BigInteger[] rs =
                    StandardDSAEncoding.INSTANCE.decode(curve.get().domain().getN(), signature);
            ECPoint q =
                    curve.get()
                            .curve()
                            .validatePoint(ec.getW().getAffineX(), ec.getW().getAffineY());
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, new ECPublicKeyParameters(q, curve.get().domain()));
            return Optional.of(verifier.verifySignature(hash(scheme, content), rs[0], rs[1]));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return Optional.of(false);
        }
    }

    private static Optional<byte[]> ed25519Sign(PrivateKey key, byte[] content) {
        if (!(key instanceof EdECPrivateKey ed) || !isEd25519(ed.getParams())) {
            return Optional.empty();
        }
        Optional<byte[]> sk = ed.getBytes();
        if (sk.isEmpty() || sk.get().length != Ed25519.SECRET_KEY_SIZE) {
            return Optional.empty();
        }
        byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
        try {
            Ed25519.sign(sk.get(), 0, content, 0, content.length, sig, 0);
        } finally {
            Arrays.fill(sk.get(), (byte) 0);
        }
        return Optional.of(sig);
    }

    private static Optional<Boolean> ed25519Verify(
            PublicKey key, byte[] content, byte[] signature) {
        if (!(key instanceof EdECPublicKey ed) || !isEd25519(ed.getParams())) {
            return Optional.empty();
        }
        // The SubjectPublicKeyInfo of an Ed25519 key ends with the 32-byte encoded point (RFC
        // 8410).
        byte[] spki = ed.getEncoded();
        if (spki == null || spki.length != 12 + Ed25519.PUBLIC_KEY_SIZE) {
            return Optional.empty();
        }
        if (signature.length != Ed25519.SIGNATURE_SIZE) {
            return Optional.of(false);
        }
        try {
            return Optional.of(Ed25519.verify(signature, 0, spki, 12, content, 0, content.length));
        } catch (RuntimeException e) {
            return Optional.of(false);
        }
    }

    private static boolean isEd25519(NamedParameterSpec params) {
        return params != null && "Ed25519".equalsIgnoreCase(params.getName());
    }

    private static Digest digest(SignatureScheme scheme) {
        return scheme == SignatureScheme.ECDSA_SECP384R1_SHA384
                ? new SHA384Digest()
                : new SHA256Digest();
    }

    private static byte[] hash(SignatureScheme scheme, byte[] content)
            throws GeneralSecurityException {
        return MessageDigest.getInstance(
                        scheme == SignatureScheme.ECDSA_SECP384R1_SHA384 ? "SHA-384" : "SHA-256")
                .digest(content);
    }
}
