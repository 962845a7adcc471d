package io.tlsuite.protocol.cert;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Chain building and PKIX validation against a {@link TrustStore} (the JDK's CertPathValidator
 * underneath), then host name, key usage / extended key usage and a revocation callback.
 *
 * <p>Alerts: no path to an anchor: unknown_ca; outside validity: certificate_expired; revoked:
 * certificate_revoked; wrong name, usage or signature: bad_certificate.
 *
 * <p>Revocation of the leaf: a stapled OCSP response first ({@link OcspStaple}): good decides,
 * revoked is certificate_revoked, an invalid staple bad_certificate_status_response (RFC 6066 §8);
 * no staple, or a stale or undecided one, leaves it to the {@link RevocationChecker}.
 */
public final class PkixCertificateValidator implements CertificateValidator {
    private static final String EKU_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String EKU_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String EKU_ANY = "2.5.29.37.0";

    /**
     * The JCA objects per thread (looked up once, not per chain; the JCA does not promise they are
     * thread-safe, and one validator serves every connection of a configuration).
     */
    private static final ThreadLocal<Pkix> PKIX = ThreadLocal.withInitial(Pkix::new);

    private static final class Pkix {
        final CertificateFactory factory;
        final CertPathValidator validator;

        Pkix() {
            try {
                factory = CertificateFactory.getInstance("X.509");
                validator = CertPathValidator.getInstance("PKIX");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("X.509 or PKIX missing from the JDK", e);
            }
        }
    }

    private final TrustStore trustStore;
    private final Clock clock;
    private final RevocationChecker revocation;
    private final boolean failOnUnknownRevocation;

    public PkixCertificateValidator(TrustStore trustStore) {
        this(trustStore, Clock.systemUTC(), RevocationChecker.NONE, false);
    }

    public PkixCertificateValidator(
            TrustStore trustStore,
            Clock clock,
            RevocationChecker revocation,
            boolean failOnUnknownRevocation) {
        this.trustStore = trustStore;
        this.clock = clock;
        this.revocation = revocation;
        this.failOnUnknownRevocation = failOnUnknownRevocation;
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
            Optional<byte[]> stapledOcspResponse)
            throws TlsAlertException {
        if (chain.isEmpty()) {
            throw new TlsAlertException(AlertDescription.BAD_CERTIFICATE, "empty chain");
        }
        X509Certificate leaf = chain.get(0);
        Date now = Date.from(clock.instant());
        List<X509Certificate> path = buildPath(chain);
        for (X509Certificate c : path) {
            checkValidity(c, now);
        }
        try {
            Pkix pkix = PKIX.get();
            CertPath certPath = pkix.factory.generateCertPath(path);
            PKIXParameters params = new PKIXParameters(trustStore.trustAnchors());
            params.setRevocationEnabled(false);
            params.setDate(now);
            pkix.validator.validate(certPath, params);
        } catch (CertPathValidatorException e) {
            throw mapPkixFailure(e);
        } catch (GeneralSecurityException e) {
            throw new TlsAlertException(
                    AlertDescription.BAD_CERTIFICATE, "chain validation failed", e);
        }
        checkUsage(leaf, purpose);
        if (purpose == Purpose.SERVER
                && expectedName != null
                && !HostnameMatcher.matches(leaf, expectedName)) {
            throw new TlsAlertException(
                    AlertDescription.BAD_CERTIFICATE,
                    "certificate is not valid for " + expectedName);
        }
        checkRevocation(path, stapledOcspResponse);
    }

    /** Orders the sent certificates from the leaf up by issuer name, dropping unrelated extras. */
    private List<X509Certificate> buildPath(List<X509Certificate> sent) {
        List<X509Certificate> path = new ArrayList<>();
        X509Certificate current = sent.get(0);
        path.add(current);
        while (path.size() < sent.size() && !isAnchorIssued(current)) {
            X509Certificate issuer = null;
            for (X509Certificate c : sent) {
                if (!path.contains(c)
                        && c.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    issuer = c;
                    break;
                }
            }
            if (issuer == null
                    || issuer.getSubjectX500Principal().equals(issuer.getIssuerX500Principal())) {
                break;
            }
            path.add(issuer);
            current = issuer;
        }
        return path;
    }

    private boolean isAnchorIssued(X509Certificate c) {
        for (X509Certificate a : trustStore.anchors()) {
            if (a.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                return true;
            }
        }
        return false;
    }

    private static void checkValidity(X509Certificate c, Date now) throws TlsAlertException {
        try {
            c.checkValidity(now);
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new TlsAlertException(
                    AlertDescription.CERTIFICATE_EXPIRED,
                    "certificate "
                            + c.getSubjectX500Principal().getName()
                            + " is outside its validity period");
        }
    }

    private static TlsAlertException mapPkixFailure(CertPathValidatorException e) {
        if (e.getReason() == BasicReason.EXPIRED || e.getReason() == BasicReason.NOT_YET_VALID) {
            return new TlsAlertException(
                    AlertDescription.CERTIFICATE_EXPIRED, "certificate outside validity", e);
        }
        if (e.getReason() == BasicReason.REVOKED) {
            return new TlsAlertException(
                    AlertDescription.CERTIFICATE_REVOKED, "certificate revoked", e);
        }
        if (e.getReason() == java.security.cert.PKIXReason.NO_TRUST_ANCHOR) {
            return new TlsAlertException(
                    AlertDescription.UNKNOWN_CA, "no path to a trust anchor", e);
        }
        return new TlsAlertException(
                AlertDescription.BAD_CERTIFICATE, "invalid certificate chain: " + e.getReason(), e);
    }

    private static void checkUsage(X509Certificate leaf, Purpose purpose) throws TlsAlertException {
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null && !ku[0]) {
            // RFC 5280 §4.2.1.3: TLS 1.3 signs with the key, so digitalSignature must be set.
            throw new TlsAlertException(
                    AlertDescription.BAD_CERTIFICATE, "key usage lacks digitalSignature");
        }
        List<String> eku;
        try {
            eku = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new TlsAlertException(
                    AlertDescription.BAD_CERTIFICATE, "unreadable extended key usage", e);
        }
        String wanted = purpose == Purpose.SERVER ? EKU_SERVER_AUTH : EKU_CLIENT_AUTH;
        if (eku != null && !eku.contains(wanted) && !eku.contains(EKU_ANY)) {
            throw new TlsAlertException(
                    AlertDescription.BAD_CERTIFICATE,
                    "extended key usage lacks "
                            + (purpose == Purpose.SERVER ? "serverAuth" : "clientAuth"));
        }
    }

    private void checkRevocation(List<X509Certificate> path, Optional<byte[]> staple)
            throws TlsAlertException {
        for (int i = 0; i < path.size(); i++) {
            X509Certificate cert = path.get(i);
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchorFor(cert);
            if (i == 0 && staple.isPresent()) {
                OcspStaple.Verdict v =
                        OcspStaple.check(staple.get(), cert, issuer, clock.instant());
                switch (v.status()) {
                    case GOOD -> {
                        continue;
                    }
                    case REVOKED ->
                            throw new TlsAlertException(
                                    AlertDescription.CERTIFICATE_REVOKED,
                                    "certificate serial "
                                            + cert.getSerialNumber().toString(16)
                                            + " is revoked (stapled OCSP response)");
                    case INVALID ->
                            throw new TlsAlertException(
                                    AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE, v.detail());
                    case UNUSABLE -> {
                        // Stale or undecided: as if nothing was stapled.
                    }
                }
            }
            RevocationChecker.Status status = revocation.check(cert, issuer);
            if (status == RevocationChecker.Status.REVOKED) {
                throw new TlsAlertException(
                        AlertDescription.CERTIFICATE_REVOKED,
                        "certificate serial "
                                + cert.getSerialNumber().toString(16)
                                + " is revoked");
            }
            if (status == RevocationChecker.Status.UNKNOWN && failOnUnknownRevocation) {
                throw new TlsAlertException(
                        AlertDescription.CERTIFICATE_UNKNOWN, "revocation status unknown");
            }
        }
    }

    private X509Certificate anchorFor(X509Certificate cert) {
        for (X509Certificate a : trustStore.anchors()) {
            if (a.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                return a;
            }
        }
        return null;
    }
}
