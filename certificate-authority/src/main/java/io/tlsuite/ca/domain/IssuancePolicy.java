package io.tlsuite.ca.domain;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the CA agrees to sign: names (allowed domains and IP addresses), lifetimes and key sizes. An
 * administrator may issue outside the names and the maximum lifetime; never with a weak key.
 *
 * @param allowedDomains exact names ({@code localhost}) or suffix patterns ({@code *.test} allows
 *     any name below {@code test}, at any depth)
 */
public record IssuancePolicy(
        List<String> allowedDomains,
        List<InetAddress> allowedAddresses,
        int minRsaBits,
        Duration minValidity,
        Duration maxValidity) {

    public IssuancePolicy {
        allowedDomains =
                allowedDomains.stream()
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(s -> s.toLowerCase(Locale.ROOT))
                        .toList();
        allowedAddresses = List.copyOf(allowedAddresses);
    }

    /**
     * Refuses a request outside this policy.
     *
     * @param admin whether the caller presented the admin token
     */
    public void check(
            CertificateRequest request, Profile profile, Duration validity, boolean admin) {
        PublicKeyProfile key = request.keyProfile();
        if (key.isRsa() && key.bits() < minRsaBits) {
            throw new CaProblem(
                    CaProblems.WEAK_KEY,
                    "RSA keys must have at least " + minRsaBits + " bits, not " + key.bits());
        }
        if (key.isRsa() && key.bits() > PublicKeyProfile.MAX_RSA_BITS) {
            throw new CaProblem(
                    CaProblems.UNSUPPORTED_KEY,
                    "RSA keys larger than " + PublicKeyProfile.MAX_RSA_BITS + " bits are refused");
        }
        if (validity.compareTo(minValidity) < 0) {
            throw new CaProblem(
                    CaProblems.LIFETIME_OUT_OF_BOUNDS,
                    "the lifetime must be at least " + minValidity.toMinutes() + " minute(s)");
        }
        if (!admin && validity.compareTo(maxValidity) > 0) {
            throw new CaProblem(
                    CaProblems.LIFETIME_OUT_OF_BOUNDS,
                    "the lifetime must be at most " + maxValidity.toDays() + " days");
        }
        if ((profile == Profile.SERVER || profile == Profile.SERVICE)
                && request.subjectAltNames().isEmpty()) {
            throw new CaProblem(
                    CaProblems.NAME_REQUIRED,
                    "a server certificate needs a DNS or IP subjectAltName in the CSR");
        }
        checkReserved(request, profile, admin);
        if (!admin) {
            for (SubjectAltName name : request.subjectAltNames()) {
                if (name.kind() == SubjectAltName.Kind.DNS && name.value().startsWith("*.")) {
                    throw new CaProblem(
                            CaProblems.WILDCARD_NOT_ALLOWED,
                            "the policy issues no wildcard name (" + name + "): list the names");
                }
                if (!allows(name)) {
                    throw new CaProblem(
                            CaProblems.NAME_NOT_ALLOWED,
                            name + " is outside the allowed names " + describe());
                }
            }
        }
    }

    /**
     * The names only the CA grants travel in the admin-only service profile, and only there: an
     * ordinary CSR that asks for one is refused whoever sends it, so that a certificate carrying
     * one always comes from a deliberate administrative act.
     */
    private static void checkReserved(CertificateRequest request, Profile profile, boolean admin) {
        if (profile == Profile.SERVICE) {
            if (!admin) {
                throw new CaProblem(
                        CaProblems.PROFILE_NOT_ALLOWED,
                        "the service profile is issued to the administrator only");
            }
            for (SubjectAltName name : request.subjectAltNames()) {
                if (name.kind() == SubjectAltName.Kind.URI && !ReservedNames.isServiceUri(name)) {
                    throw new CaProblem(
                            CaProblems.RESERVED_NAME,
                            "a service's URI must be " + ReservedNames.SPIFFE_PREFIX + "<name>");
                }
            }
            return;
        }
        List<String> reserved = ReservedNames.in(request);
        if (!reserved.isEmpty()) {
            String shown =
                    SubjectAltName.shown(
                            String.join(", ", reserved.subList(0, Math.min(3, reserved.size()))));
            throw new CaProblem(
                    CaProblems.RESERVED_NAME,
                    "only the CA grants " + shown + " (admin-only service profile)");
        }
    }

    public boolean allows(SubjectAltName name) {
        if (name.kind() == SubjectAltName.Kind.IP) {
            return allowedAddresses.stream().anyMatch(a -> a.getHostAddress().equals(name.value()));
        }
        String dns = name.value();
        for (String pattern : allowedDomains) {
            if (dnsMatches(dns, pattern)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A DNS name against an allowed pattern: the exact name, or {@code *.suffix} for any name below
     * the suffix, at any depth (both lower case).
     */
    static boolean dnsMatches(String dns, String pattern) {
        return pattern.startsWith("*.") ? dns.endsWith(pattern.substring(1)) : dns.equals(pattern);
    }

    private String describe() {
        return allowedDomains
                + " and "
                + allowedAddresses.stream().map(InetAddress::getHostAddress).toList();
    }
}
