package io.tlsuite.agent.trust;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.cert.CertificateValidator;
import io.tlsuite.protocol.cert.HostnameMatcher;
import io.tlsuite.protocol.cert.OcspStaple;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The agent's certificate checks, each one a separate step so a result shows which check refused a
 * server (RFC 5280 §6 path validation split into its parts, RFC 6125 names, RFC 6960/5280
 * revocation). The first failing check ends the handshake with its alert (RFC 8446 §6.2); when
 * {@code verify} is off every check is recorded as skipped and the chain is accepted: the classic
 * pitfall, reported as insecure by the caller.
 *
 * <p>Revocation looks at the OCSP response the server stapled first ({@link OcspStaple}, RFC 6066
 * §8, RFC 8446 §4.4.2.1): good decides; revoked is {@code certificate_revoked}; a staple no honest
 * server sends (forged signature, another certificate, unreadable, from the future) is {@code
 * bad_certificate_status_response}; no staple, or a stale or undecided one, falls back to the
 * agent's own OCSP request, then the CRL ({@link RevocationCache}). {@link #revocationSource()}
 * says which decided.
 */
public final class CheckingValidator implements CertificateValidator {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final List<X509Certificate> anchors;
    private final RevocationCache revocation;
    private final boolean verify;
    private final Clock clock;
    private final List<CertificateCheck> checks = Collections.synchronizedList(new ArrayList<>());
    private volatile X509Certificate leaf;
    private volatile String revocationSource;

    /** Revocation sources, as {@link #revocationSource()} names them. */
    public static final String STAPLED_OCSP = "stapled-ocsp";

    public static final String OCSP = "ocsp";
    public static final String CRL = "crl";
    public static final String NONE = "none";

    public CheckingValidator(
            List<X509Certificate> anchors,
            RevocationCache revocation,
            boolean verify,
            Clock clock) {
        this.anchors = List.copyOf(anchors);
        this.revocation = revocation;
        this.verify = verify;
        this.clock = clock;
    }

    /** The checks made so far, in order. */
    public List<CertificateCheck> checks() {
        synchronized (checks) {
            return List.copyOf(checks);
        }
    }

    public X509Certificate leaf() {
        return leaf;
    }

    /**
     * Which source decided the revocation check: {@code stapled-ocsp}, {@code ocsp}, {@code crl} or
     * {@code none} (not checked: verification off, or the certificate names no source, or no source
     * answered); null while no certificate reached the check.
     */
    public String revocationSource() {
        return revocationSource;
    }

    /** Records a check made elsewhere (the engine's signature verification). */
    public void record(CertificateCheck check) {
        checks.add(check);
    }

    @Override
    public void validate(List<X509Certificate> chain, Purpose purpose, String expectedName)
            throws TlsAlertException {
        validate(chain, purpose, expectedName, Optional.empty());
    }

    @Override
    public void validate(
            List<X509Certificate> chain,
            Purpose purpose,
            String expectedName,
            Optional<byte[]> stapledOcsp)
            throws TlsAlertException {
        if (chain.isEmpty()) {
            throw new TlsAlertException(AlertDescription.BAD_CERTIFICATE, "empty chain");
        }
        leaf = chain.get(0);
        if (!verify) {
            for (String name :
                    List.of("chain", "validity", "hostname", "key-usage", "revocation")) {
                checks.add(
                        new CertificateCheck(
                                name, CertificateCheck.SKIPPED, "verification is off", 0));
            }
            revocationSource = NONE;
            return;
        }
        List<X509Certificate> path = step("chain", () -> chain(chain), AlertDescription.UNKNOWN_CA);
        step("validity", () -> validity(path), AlertDescription.CERTIFICATE_EXPIRED);
        if (expectedName == null) {
            checks.add(
                    new CertificateCheck(
                            "hostname", CertificateCheck.SKIPPED, "no server name to match", 0));
        } else {
            step(
                    "hostname",
                    () -> {
                        if (!HostnameMatcher.matches(leaf, expectedName)) {
                            throw new Refusal(
                                    "certificate names " + names(leaf) + ", not " + expectedName);
                        }
                        return expectedName + " matches " + names(leaf);
                    },
                    AlertDescription.BAD_CERTIFICATE);
        }
        step("key-usage", () -> keyUsage(leaf, purpose), AlertDescription.BAD_CERTIFICATE);
        step(
                "revocation",
                () -> revocation(path, stapledOcsp),
                AlertDescription.CERTIFICATE_REVOKED);
    }

    private interface Check<T> {
        T run() throws Refusal;
    }

    /** A check's refusal: the detail, and an alert other than the check's default if needed. */
    static final class Refusal extends Exception {
        final AlertDescription alert;

        Refusal(String detail) {
            this(detail, null);
        }

        Refusal(String detail, AlertDescription alert) {
            super(detail, null, false, false);
            this.alert = alert;
        }
    }

    private <T> T step(String name, Check<T> check, AlertDescription alert)
            throws TlsAlertException {
        long t0 = System.nanoTime();
        try {
            T value = check.run();
            checks.add(
                    new CertificateCheck(
                            name,
                            CertificateCheck.PASSED,
                            value instanceof String s ? s : describe(value),
                            (System.nanoTime() - t0) / 1000));
            return value;
        } catch (Refusal r) {
            checks.add(
                    new CertificateCheck(
                            name,
                            CertificateCheck.FAILED,
                            r.getMessage(),
                            (System.nanoTime() - t0) / 1000));
            throw new TlsAlertException(
                    r.alert != null ? r.alert : alert, name + ": " + r.getMessage());
        }
    }

    private static String describe(Object value) {
        if (value instanceof List<?> l) {
            List<String> subjects = new ArrayList<>();
            for (Object o : l) {
                subjects.add(((X509Certificate) o).getSubjectX500Principal().getName());
            }
            return "path " + String.join(" <- ", subjects);
        }
        return String.valueOf(value);
    }

    /** Leaf to trust anchor: each certificate signed by the next; the last by an anchor. */
    private List<X509Certificate> chain(List<X509Certificate> sent) throws Refusal {
        List<X509Certificate> path = new ArrayList<>();
        X509Certificate current = sent.get(0);
        path.add(current);
        for (int depth = 0; depth < 8; depth++) {
            for (X509Certificate anchor : anchors) {
                if (anchor.equals(current)) {
                    return path;
                }
                if (signedBy(current, anchor)) {
                    path.add(anchor);
                    return path;
                }
            }
            X509Certificate next = null;
            for (X509Certificate c : sent) {
                if (c != current && !path.contains(c) && signedBy(current, c)) {
                    next = c;
                    break;
                }
            }
            if (next == null) {
                if (signedBy(current, current)) {
                    throw new Refusal(
                            "self-signed certificate "
                                    + current.getSubjectX500Principal().getName()
                                    + " is not in the trust store");
                }
                throw new Refusal(
                        "no path from "
                                + sent.get(0).getSubjectX500Principal().getName()
                                + " to a trusted root (issuer "
                                + current.getIssuerX500Principal().getName()
                                + " unknown)");
            }
            if (next.getBasicConstraints() < 0) {
                throw new Refusal(
                        next.getSubjectX500Principal().getName() + " is not a CA certificate",
                        AlertDescription.BAD_CERTIFICATE);
            }
            path.add(next);
            current = next;
        }
        throw new Refusal("chain too long");
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private String validity(List<X509Certificate> path) throws Refusal {
        Date now = Date.from(clock.instant());
        for (X509Certificate c : path) {
            try {
                c.checkValidity(now);
            } catch (CertificateExpiredException e) {
                throw new Refusal(
                        c.getSubjectX500Principal().getName()
                                + " expired at "
                                + c.getNotAfter().toInstant());
            } catch (CertificateNotYetValidException e) {
                throw new Refusal(
                        c.getSubjectX500Principal().getName()
                                + " is not valid before "
                                + c.getNotBefore().toInstant());
            }
        }
        return "valid until " + leaf.getNotAfter().toInstant();
    }

    private static String keyUsage(X509Certificate leaf, Purpose purpose) throws Refusal {
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null && !ku[0] && !(ku.length > 2 && ku[2])) {
            throw new Refusal("keyUsage has neither digitalSignature nor keyEncipherment");
        }
        String wanted = purpose == Purpose.SERVER ? SERVER_AUTH : CLIENT_AUTH;
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            if (eku != null && !eku.contains(wanted) && !eku.contains("2.5.29.37.0")) {
                throw new Refusal(
                        "extendedKeyUsage lacks "
                                + (purpose == Purpose.SERVER ? "serverAuth" : "clientAuth"));
            }
        } catch (CertificateParsingException e) {
            throw new Refusal("unreadable extendedKeyUsage");
        }
        if (leaf.getBasicConstraints() >= 0) {
            throw new Refusal("the end-entity certificate is a CA certificate");
        }
        return "keyUsage "
                + (ku == null
                                ? "absent"
                                : (ku[0] ? "digitalSignature " : "")
                                        + (ku.length > 2 && ku[2] ? "keyEncipherment" : ""))
                        .trim()
                + ", extendedKeyUsage "
                + (purpose == Purpose.SERVER ? "serverAuth" : "clientAuth");
    }

    private String revocation(List<X509Certificate> path, Optional<byte[]> staple) throws Refusal {
        if (path.size() < 2) {
            revocationSource = NONE;
            return "trust anchor itself: nothing to check";
        }
        String stapleNote = "";
        if (staple.isPresent()) {
            OcspStaple.Verdict s =
                    OcspStaple.check(staple.get(), path.get(0), path.get(1), clock.instant());
            switch (s.status()) {
                case GOOD -> {
                    revocationSource = STAPLED_OCSP;
                    return STAPLED_OCSP + ": " + s.detail();
                }
                case REVOKED -> {
                    revocationSource = STAPLED_OCSP;
                    throw new Refusal(STAPLED_OCSP + ": " + s.detail());
                }
                case INVALID -> {
                    // RFC 6066 §8: an unsatisfactory response aborts the handshake.
                    revocationSource = STAPLED_OCSP;
                    throw new Refusal(
                            STAPLED_OCSP + ": " + s.detail(),
                            AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE);
                }
                default -> stapleNote = " (staple not used: " + s.detail() + ")";
            }
        }
        RevocationCheck.Verdict v = revocation.check(path.get(0), path.get(1));
        revocationSource = v.method();
        switch (v.status()) {
            case REVOKED:
                throw new Refusal(v.detail() + stapleNote);
            case UNKNOWN:
                if ("none".equals(v.method())
                        && RevocationCheck.ocspUrlsQuietly(path.get(0)).isEmpty()
                        && RevocationCheck.crlUrlsQuietly(path.get(0)).isEmpty()) {
                    return "not checked: the certificate names no OCSP responder and no CRL"
                            + stapleNote;
                }
                throw new Refusal(
                        "status unknown, failing closed: " + v.detail() + stapleNote,
                        AlertDescription.CERTIFICATE_UNKNOWN);
            default:
                return v.method() + ": " + v.detail() + stapleNote;
        }
    }

    private static String names(X509Certificate c) {
        try {
            var sans = c.getSubjectAlternativeNames();
            if (sans == null) {
                return "[]";
            }
            List<String> out = new ArrayList<>();
            for (List<?> san : sans) {
                out.add(String.valueOf(san.get(1)));
            }
            return out.toString();
        } catch (CertificateParsingException e) {
            return "[unreadable]";
        }
    }
}
