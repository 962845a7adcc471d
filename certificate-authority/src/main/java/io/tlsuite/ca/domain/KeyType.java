package io.tlsuite.ca.domain;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;

/** Key types the CA creates for itself and accepts in CSRs, with the signature each one makes. */
public enum KeyType {
    EC_P256("EC P-256", "SHA256withECDSA"),
    EC_P384("EC P-384", "SHA384withECDSA"),
    RSA_2048("RSA 2048", "SHA256withRSA"),
    RSA_3072("RSA 3072", "SHA256withRSA"),
    RSA_4096("RSA 4096", "SHA384withRSA"),
    ED25519("Ed25519", "Ed25519");

    private final String description;
    private final String signatureAlgorithm;

    KeyType(String description, String signatureAlgorithm) {
        this.description = description;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** e.g. {@code EC P-256}, as in the {@code keyAlgorithm} of events. */
    public String description() {
        return description;
    }

    /** The JCA name of the signature a key of this type makes when it signs certificates. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** A fresh key pair of this type. */
    public KeyPair generate() {
        try {
            KeyPairGenerator generator;
            switch (this) {
                case EC_P256, EC_P384 -> {
                    generator = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
                    generator.initialize(
                            new ECGenParameterSpec(this == EC_P256 ? "secp256r1" : "secp384r1"));
                }
                case RSA_2048, RSA_3072, RSA_4096 -> {
                    generator = KeyPairGenerator.getInstance("RSA", BouncyCastle.PROVIDER);
                    generator.initialize(Integer.parseInt(name().substring(4)));
                }
                default ->
                        generator = KeyPairGenerator.getInstance("Ed25519", BouncyCastle.PROVIDER);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + description, e);
        }
    }

    /**
     * Parses {@code EC_P256}, {@code ec-p256}, {@code P-256}, {@code RSA-2048}, {@code ed25519}...
     *
     * @throws IllegalArgumentException for anything else
     */
    public static KeyType parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (t.startsWith("P_")) {
            t = "EC_" + t.replace("_", "");
        }
        t = t.replace("EC_P_", "EC_P");
        for (KeyType type : values()) {
            if (type.name().equals(t)) {
                return type;
            }
        }
        throw new IllegalArgumentException(
                "unknown key type "
                        + text
                        + " (use EC_P256, EC_P384, RSA_2048, RSA_3072, RSA_4096 or ED25519)");
    }
}
