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
        if (profile == Profile.SERVER && request.subjectAltNames().isEmpty()) {
            throw new CaProblem(
                    CaProblems.NAME_REQUIRED,
                    "a server certificate needs a DNS or IP subjectAltName in the CSR");
        }
        if (!admin) {
            for (SubjectAltName name : request.subjectAltNames()) {
                if (!allows(name)) {
                    throw new CaProblem(
                            CaProblems.NAME_NOT_ALLOWED,
                            name + " is outside the allowed names " + describe());
                }
            }
        }
    }

    public boolean allows(SubjectAltName name) {
        if (name.kind() == SubjectAltName.Kind.IP) {
            return allowedAddresses.stream().anyMatch(a -> a.getHostAddress().equals(name.value()));
        }
        String dns = name.value();
        for (String pattern : allowedDomains) {
            if (pattern.startsWith("*.")) {
                if (dns.endsWith(pattern.substring(1))) {
                    return true;
                }
            } else if (dns.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    private String describe() {
        return allowedDomains
                + " and "
                + allowedAddresses.stream().map(InetAddress::getHostAddress).toList();
    }
}
