package io.tlsuite.ca.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may have ordinary CSRs signed, and what each may ask for, the way step-ca's provisioners and
 * Vault's PKI roles narrow a CA: every provisioner has its own token, the profiles it may ask for
 * and, optionally, the names (the issuance policy applies to everyone on top). The default
 * provisioner ({@value #DEFAULT}) asks for anything the policy allows.
 *
 * @param profiles the leaf profiles it may ask for; empty: server and client
 * @param names exact DNS names, {@code *.suffix} patterns (any name below the suffix) and IP
 *     addresses its certificates may carry; empty: whatever the policy allows
 */
public record Provisioner(String name, Set<Profile> profiles, List<String> names) {

    /** The provisioner of {@code tlsuite.ca.provisioner-token}: local clients, curl. */
    public static final String DEFAULT = "default";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-f:.]*:[0-9a-f:.]*");

    public Provisioner {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a provisioner's name is 1-63 lower-case letters, digits and '-'");
        }
        if (profiles.contains(Profile.SERVICE)) {
            throw new IllegalArgumentException(
                    "provisioner " + name + ": the service profile is the administrator's alone");
        }
        profiles = Set.copyOf(profiles);
        names =
                names.stream()
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(s -> s.toLowerCase(Locale.ROOT))
                        .toList();
    }

    /** The default provisioner: any leaf profile, any name the policy allows. */
    public static Provisioner unrestricted(String name) {
        return new Provisioner(name, Set.of(), List.of());
    }

    /** Refuses a request outside what this provisioner may ask for (after the policy's checks). */
    public void check(CertificateRequest request, Profile profile) {
        if (!profiles.isEmpty() && !profiles.contains(profile)) {
            throw new CaProblem(
                    CaProblems.PROFILE_NOT_ALLOWED,
                    "provisioner "
                            + name
                            + " may ask for "
                            + profiles.stream().map(Profile::label).sorted().toList()
                            + " certificates only");
        }
        if (names.isEmpty()) {
            return;
        }
        for (SubjectAltName san : request.subjectAltNames()) {
            if (!allows(san)) {
                throw new CaProblem(
                        CaProblems.NAME_NOT_ALLOWED,
                        san + " is outside the names of provisioner " + name + " " + names);
            }
        }
    }

    private boolean allows(SubjectAltName san) {
        String value = san.value().toLowerCase(Locale.ROOT);
        for (String pattern : names) {
            if (san.kind() == SubjectAltName.Kind.IP) {
                if (sameAddress(value, pattern)) {
                    return true;
                }
            } else if (san.kind() == SubjectAltName.Kind.DNS
                    && IssuancePolicy.dnsMatches(value, pattern)) {
                return true;
            }
        }
        return false;
    }

    /** Two IP literals naming the same address ({@code ::1} and {@code 0:0:0:0:0:0:0:1}). */
    private static boolean sameAddress(String address, String pattern) {
        if (!IP_LITERAL.matcher(pattern).matches()) {
            return false;
        }
        try {
            // literals only (checked above): no name is ever looked up
            return InetAddress.getByName(address).equals(InetAddress.getByName(pattern));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
