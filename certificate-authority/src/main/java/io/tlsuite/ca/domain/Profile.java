package io.tlsuite.ca.domain;

import java.util.Locale;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/** Certificate profiles: which extended key usage a leaf gets (RFC 5280 §4.2.1.12). */
public enum Profile {
    SERVER(KeyPurposeId.id_kp_serverAuth),
    CLIENT(KeyPurposeId.id_kp_clientAuth),
    INTERMEDIATE(null),
    ROOT(null);

    private final KeyPurposeId purpose;

    Profile(KeyPurposeId purpose) {
        this.purpose = purpose;
    }

    public KeyPurposeId purpose() {
        return purpose;
    }

    /** Lower-case name, as in the API and events. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A leaf profile from the API ({@code server} or {@code client}). */
    public static Profile leaf(String text) {
        if (text == null) {
            throw new CaProblem(
                    CaProblems.UNKNOWN_PROFILE, "profile is required: server or client");
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "server" -> SERVER;
            case "client" -> CLIENT;
            default ->
                    throw new CaProblem(
                            CaProblems.UNKNOWN_PROFILE,
                            "profile must be server or client, not " + text);
        };
    }
}
