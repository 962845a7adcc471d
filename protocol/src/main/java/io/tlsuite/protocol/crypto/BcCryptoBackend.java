package io.tlsuite.protocol.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.XECPrivateKey;
import java.util.Arrays;
import java.util.Optional;

/**
 * Bouncy Castle's curve code (X25519, X448, P-256/384/521, ECDSA, Ed25519) and the JDK for
 * everything else: finite-field DH, RSA, AES-GCM and HMAC (where the JDK's intrinsics win), and any
 * key Bouncy Castle cannot read.
 */
final class BcCryptoBackend implements CryptoBackend {
    static final BcCryptoBackend INSTANCE = new BcCryptoBackend();

    private final CryptoBackend jdk = JdkCryptoBackend.INSTANCE;

    private BcCryptoBackend() {}

    @Override
    public String name() {
        return "bc-curves";
    }

    @Override
    public KeyExchange generate(NamedGroup group, SecureRandom random) {
        return switch (group.kind()) {
            case XDH -> BcXdhKeyExchange.generate(group, random);
            case EC -> BcEcKeyExchange.generate(BcCurve.of(group), random);
            default -> jdk.generate(group, random);
        };
    }

    @Override
    public KeyExchange restore(NamedGroup group, byte[] pkcs8, byte[] publicKey) {
        if (group.kind() == NamedGroup.Kind.FFDHE) {
            return jdk.restore(group, pkcs8, publicKey);
        }
        try {
            PrivateKey key = JdkCryptoBackend.privateKey(group, pkcs8);
            if (key instanceof XECPrivateKey x && x.getScalar().isPresent()) {
                byte[] scalar = x.getScalar().get();
                try {
                    return BcXdhKeyExchange.of(group, scalar, publicKey);
                } finally {
                    Arrays.fill(scalar, (byte) 0);
                }
            }
            if (key instanceof ECPrivateKey ec && ec.getS() != null) {
                return BcEcKeyExchange.of(BcCurve.of(group), ec.getS(), publicKey);
            }
            return jdk.restore(group, pkcs8, publicKey);
        } catch (GeneralSecurityException
                | io.tlsuite.protocol.alert.TlsAlertException
                | RuntimeException e) {
            throw new IllegalArgumentException("bad " + group + " key", e);
        }
    }

    @Override
    public KeyExchange x25519(byte[] scalar, byte[] publicKey) {
        return BcXdhKeyExchange.of(NamedGroup.X25519, scalar, publicKey);
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] content, SecureRandom random)
            throws GeneralSecurityException {
        Optional<byte[]> sig = BcSignatures.sign(scheme, key, content);
        return sig.isPresent() ? sig.get() : jdk.sign(scheme, key, content, random);
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] content, byte[] signature) {
        Optional<Boolean> ok = BcSignatures.verify(scheme, key, content, signature);
        return ok.isPresent() ? ok.get() : jdk.verify(scheme, key, content, signature);
    }
}
