package io.tlsuite.ca.domain;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Validates a chain against this CA's root the way a TLS peer would: path and signatures (RFC 5280
 * §6, with the JDK's PKIX validator), validity at a given time, key usage and extended key usage
 * for the purpose, the host name (RFC 6125 §6.4) and revocation by this CA.
 */
public final class ChainValidator {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EKU = "2.5.29.37.0";

    private final X509Certificate root;
    private final X509Certificate intermediate;
    private final Function<BigInteger, Optional<RevokedEntry>> revocations;

    /**
     * @param revocations the revocation of a serial issued by {@code intermediate}, if revoked
     */
    public ChainValidator(
            X509Certificate root,
            X509Certificate intermediate,
            Function<BigInteger, Optional<RevokedEntry>> revocations) {
        this.root = root;
        this.intermediate = intermediate;
        this.revocations = revocations;
    }

    public ValidationResult validate(
            List<X509Certificate> chain, String hostname, Instant at, Profile purpose) {
        List<String> problems = new ArrayList<>();
        X509Certificate leaf = chain.get(0);
        List<X509Certificate> path = chain.stream().filter(c -> !c.equals(root)).toList();
        boolean dated = checkValidity(chain, at, problems);
        checkPath(path, dated ? at : insideAllWindows(chain, at), problems, dated);
        checkUsage(leaf, purpose, problems);
        if (hostname != null && !hostname.isBlank()) {
            checkHostname(leaf, hostname.trim(), problems);
        }
        checkRevocation(path, at, problems);
        return new ValidationResult(
                problems.isEmpty(), SerialNumbers.hex(leaf.getSerialNumber()), problems);
    }

    private static boolean checkValidity(
            List<X509Certificate> chain, Instant at, List<String> problems) {
        boolean ok = true;
        for (X509Certificate c : chain) {
            try {
                c.checkValidity(Date.from(at));
            } catch (CertificateExpiredException e) {
                problems.add(
                        describe(c)
                                + " expired at "
                                + c.getNotAfter().toInstant()
                                + " (at "
                                + at
                                + ")");
                ok = false;
            } catch (CertificateNotYetValidException e) {
                problems.add(
                        describe(c)
                                + " is not valid before "
                                + c.getNotBefore().toInstant()
                                + " (at "
                                + at
                                + ")");
                ok = false;
            }
        }
        return ok;
    }

    /** A time inside every certificate's validity, to check signatures apart from dates. */
    private static Instant insideAllWindows(List<X509Certificate> chain, Instant fallback) {
        Instant latestStart = Instant.MIN;
        Instant earliestEnd = Instant.MAX;
        for (X509Certificate c : chain) {
            Instant start = c.getNotBefore().toInstant();
            Instant end = c.getNotAfter().toInstant();
            latestStart = start.isAfter(latestStart) ? start : latestStart;
            earliestEnd = end.isBefore(earliestEnd) ? end : earliestEnd;
        }
        return latestStart.isAfter(earliestEnd) ? fallback : latestStart;
    }

    private void checkPath(
            List<X509Certificate> path, Instant at, List<String> problems, boolean reportDates) {
        if (path.isEmpty()) {
            return; // the root alone: trusted by definition
        }
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX")
                    .validate(
                            CertificateFactory.getInstance("X.509").generateCertPath(path),
                            parameters);
        } catch (CertPathValidatorException e) {
            CertPathValidatorException.Reason reason = e.getReason();
            boolean dateProblem =
                    reason == CertPathValidatorException.BasicReason.EXPIRED
                            || reason == CertPathValidatorException.BasicReason.NOT_YET_VALID;
            if (dateProblem && !reportDates) {
                return;
            }
            String where =
                    e.getIndex() >= 0 && e.getIndex() < path.size()
                            ? describe(path.get(e.getIndex()))
                            : "the chain";
            if (reason == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
                problems.add("the signature of " + where + " does not verify");
            } else {
                problems.add(
                        "the chain does not lead to the trusted root ("
                                + where
                                + ": "
                                + e.getMessage()
                                + ")");
            }
        } catch (GeneralSecurityException e) {
            problems.add("the chain cannot be checked: " + e.getMessage());
        }
    }

    private static void checkUsage(X509Certificate leaf, Profile purpose, List<String> problems) {
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && !keyUsage[0]) {
            problems.add(describe(leaf) + " lacks the digitalSignature key usage");
        }
        if (leaf.getBasicConstraints() >= 0) {
            problems.add(describe(leaf) + " is a CA certificate, not an end entity");
        }
        String wanted = purpose == Profile.CLIENT ? CLIENT_AUTH : SERVER_AUTH;
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            if (eku != null && !eku.contains(wanted) && !eku.contains(ANY_EKU)) {
                problems.add(
                        describe(leaf)
                                + " is not for "
                                + purpose.label()
                                + " authentication (extended key usage "
                                + eku
                                + ")");
            }
        } catch (CertificateParsingException e) {
            problems.add(describe(leaf) + " has a malformed extended key usage");
        }
    }

    private static void checkHostname(
            X509Certificate leaf, String hostname, List<String> problems) {
        List<String> dnsNames = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> entry : leaf.getSubjectAlternativeNames()) {
                    int type = (Integer) entry.get(0);
                    if (type == 2) {
                        dnsNames.add(((String) entry.get(1)).toLowerCase(Locale.ROOT));
                    } else if (type == 7) {
                        addresses.add((String) entry.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            problems.add(describe(leaf) + " has a malformed subjectAltName");
            return;
        }
        boolean matches;
        if (looksLikeAddress(hostname)) {
            matches = addresses.stream().anyMatch(a -> sameAddress(a, hostname));
        } else {
            String host = hostname.toLowerCase(Locale.ROOT);
            matches = dnsNames.stream().anyMatch(pattern -> dnsMatches(pattern, host));
        }
        if (!matches) {
            List<String> names = new ArrayList<>(dnsNames);
            names.addAll(addresses);
            problems.add(
                    "the host name "
                            + hostname
                            + " does not match the certificate's names "
                            + names);
        }
    }

    /** RFC 6125 §6.4.3: a wildcard stands for exactly one whole left-most label. */
    static boolean dnsMatches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(host);
    }

    private static boolean looksLikeAddress(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private void checkRevocation(List<X509Certificate> path, Instant at, List<String> problems) {
        for (X509Certificate c : path) {
            if (!issuedByIntermediate(c)) {
                continue;
            }
            revocations
                    .apply(c.getSerialNumber())
                    .filter(r -> !r.revokedAt().isAfter(at))
                    .ifPresent(
                            r ->
                                    problems.add(
                                            describe(c)
                                                    + " was revoked at "
                                                    + r.revokedAt()
                                                    + " ("
                                                    + r.reason().rfcName()
                                                    + ")"));
        }
    }

    private boolean issuedByIntermediate(X509Certificate c) {
        if (!c.getIssuerX500Principal().equals(intermediate.getSubjectX500Principal())) {
            return false;
        }
        try {
            c.verify(intermediate.getPublicKey(), BouncyCastle.PROVIDER);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String describe(X509Certificate c) {
        return "certificate "
                + SerialNumbers.hex(c.getSerialNumber())
                + " ("
                + c.getSubjectX500Principal().getName()
                + ")";
    }
}
