package io.tlsuite.ca.domain;

import java.util.Locale;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Certificate profiles: which extended key usage a leaf gets (RFC 5280 §4.2.1.12). {@code service}
 * is the admin-only profile of the suite's own services: the only one that carries the names the CA
 * alone grants (a {@code spiffe://tlsuite/...} URI, a service's name), and both usages, since a
 * service is a TLS server and a client of the others.
 */
public enum Profile {
    SERVER(KeyPurposeId.id_kp_serverAuth),
    CLIENT(KeyPurposeId.id_kp_clientAuth),
    SERVICE(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth),
    INTERMEDIATE(),
    ROOT();

    private final KeyPurposeId[] purposes;

    Profile(KeyPurposeId... purposes) {
        this.purposes = purposes;
    }

    /** The extended key usages of a leaf of this profile. */
    public KeyPurposeId[] purposes() {
        return purposes.clone();
    }

    /** Lower-case name, as in the API and events. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Caller text in a detail: bounded, printable. */
    private static String shown(String text) {
        String cut = text.length() > 32 ? text.substring(0, 32) + "..." : text;
        return "'" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }

    /** A leaf profile from the API ({@code server} or {@code client}). */
    public static Profile leaf(String text) {
        if (text == null) {
            throw new CaProblem(
                    CaProblems.UNKNOWN_PROFILE, "profile is required: server, client or service");
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "server" -> SERVER;
            case "client" -> CLIENT;
            case "service" -> SERVICE;
            default ->
                    throw new CaProblem(
                            CaProblems.UNKNOWN_PROFILE,
                            "profile must be server, client or service, not " + shown(text));
        };
    }
}
