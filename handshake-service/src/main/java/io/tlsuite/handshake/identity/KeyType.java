package io.tlsuite.handshake.identity;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;

/**
 * The kinds of key the service enrols a certificate for. One of each lets the server answer every
 * client: ECDSA for most, RSA for clients that only accept RSA signatures (e.g. {@code -sigalgs
 * RSA-PSS+SHA256}) and for the TLS 1.2 suites whose key exchange needs an RSA certificate
 * (ECDHE_RSA, RSA key transport). ECDSA P-384 is an option beside them: the engine gives it to a
 * client whose signature_algorithms ask for ecdsa_secp384r1_sha384 only (issue 22).
 */
public enum KeyType {
    EC_P256("ec-p256"),
    EC_P384("ec-p384"),
    RSA_2048("rsa-2048");

    private final String configName;

    KeyType(String configName) {
        this.configName = configName;
    }

    /** The name in {@code handshake.identity.key-types}. */
    public String configName() {
        return configName;
    }

    /** A fresh key pair of this type. */
    KeyPair generate() {
        try {
            if (this == EC_P256 || this == EC_P384) {
                KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
                kpg.initialize(new ECGenParameterSpec(this == EC_P256 ? "secp256r1" : "secp384r1"));
                return kpg.generateKeyPair();
            }
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
            kpg.initialize(2048);
            return kpg.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate " + configName, e);
        }
    }

    /** Whether a certificate's public key is of this type (algorithm and size). */
    boolean matches(java.security.PublicKey key) {
        if (key instanceof java.security.interfaces.ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return (this == EC_P256 && bits == 256) || (this == EC_P384 && bits == 384);
        }
        return this == RSA_2048
                && key instanceof java.security.interfaces.RSAPublicKey rsa
                && rsa.getModulus().bitLength() == 2048;
    }

    /**
     * Parses a configured name ({@code ec-p256}, {@code ec-p384}, {@code rsa-2048}), with the list
     * on error.
     */
    public static KeyType fromConfig(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (KeyType t : values()) {
            if (t.configName.equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "handshake.identity.key-types: unknown key type '"
                        + name.trim()
                        + "' (known: ec-p256, ec-p384, rsa-2048)");
    }
}
