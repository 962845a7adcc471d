package io.tlsuite.protocol.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;

/** Every operation through the JDK's JCA providers. */
final class JdkCryptoBackend implements CryptoBackend {
    static final JdkCryptoBackend INSTANCE = new JdkCryptoBackend();

    private JdkCryptoBackend() {}

    @Override
    public String name() {
        return "jdk";
    }

    @Override
    public KeyExchange generate(NamedGroup group, SecureRandom random) {
        try {
            KeyPairGenerator kpg;
            switch (group.kind()) {
                case XDH -> {
                    kpg = KeyPairGenerator.getInstance(group.jcaName());
                    kpg.initialize(new NamedParameterSpec(group.jcaName()), random);
                }
                case EC -> {
                    kpg = KeyPairGenerator.getInstance("EC");
                    kpg.initialize(new ECGenParameterSpec(group.jcaName()), random);
                }
                default -> {
                    kpg = KeyPairGenerator.getInstance("DiffieHellman");
                    kpg.initialize(Ffdhe.parameters(group), random);
                }
            }
            return new JdkKeyExchange(group, kpg.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(group + " unavailable", e);
        }
    }

    @Override
    public KeyExchange x25519(byte[] scalar, byte[] publicKey) {
        try {
            KeyFactory kf = KeyFactory.getInstance("X25519");
            byte[] pkcs8 = NamedGroup.concat(NamedGroup.X25519_PKCS8_PREFIX, scalar);
            PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            java.util.Arrays.fill(pkcs8, (byte) 0);
            PublicKey pub =
                    kf.generatePublic(
                            new X509EncodedKeySpec(
                                    NamedGroup.concat(NamedGroup.X25519_SPKI_PREFIX, publicKey)));
            return new JdkKeyExchange(NamedGroup.X25519, new KeyPair(pub, priv));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("bad X25519 key", e);
        }
    }

    @Override
    public KeyExchange restore(NamedGroup group, byte[] pkcs8, byte[] publicKey) {
        try {
            PrivateKey priv = privateKey(group, pkcs8);
            return new JdkKeyExchange(
                    group, new KeyPair(NamedGroup.decodeShare(group, publicKey), priv));
        } catch (GeneralSecurityException
                | io.tlsuite.protocol.alert.TlsAlertException
                | RuntimeException e) {
            throw new IllegalArgumentException("bad " + group + " key", e);
        }
    }

    /** A PKCS#8 private key of {@code group} as a JDK key. */
    static PrivateKey privateKey(NamedGroup group, byte[] pkcs8) throws GeneralSecurityException {
        KeyFactory kf =
                KeyFactory.getInstance(
                        switch (group.kind()) {
                            case XDH -> group.jcaName();
                            case EC -> "EC";
                            default -> "DiffieHellman";
                        });
        return kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    private static Signature newSignature(SignatureScheme scheme) throws GeneralSecurityException {
        Signature sig = Signature.getInstance(scheme.jcaName());
        if (scheme == SignatureScheme.RSA_PSS_RSAE_SHA256) {
            sig.setParameter(
                    new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        }
        return sig;
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] content, SecureRandom random)
            throws GeneralSecurityException {
        Signature sig = newSignature(scheme);
        sig.initSign(key, random);
        sig.update(content);
        return sig.sign();
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] content, byte[] signature) {
        try {
            Signature sig = newSignature(scheme);
            sig.initVerify(key);
            sig.update(content);
            return sig.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
