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
 * (ECDHE_RSA, RSA key transport).
 */
public enum KeyType {
    EC_P256("ec-p256"),
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
            if (this == EC_P256) {
                KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
                kpg.initialize(new ECGenParameterSpec("secp256r1"));
                return kpg.generateKeyPair();
            }
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
            kpg.initialize(2048);
            return kpg.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate " + configName, e);
        }
    }

    /** Parses a configured name ({@code ec-p256}, {@code rsa-2048}), with the list on error. */
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
                        + "' (known: ec-p256, rsa-2048)");
    }
}
