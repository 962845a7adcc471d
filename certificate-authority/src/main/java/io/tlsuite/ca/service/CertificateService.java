package io.tlsuite.ca.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tlsuite.ca.config.CaConfig;
import io.tlsuite.ca.domain.CaProblem;
import io.tlsuite.ca.domain.CaProblems;
import io.tlsuite.ca.domain.CertificateRequest;
import io.tlsuite.ca.domain.IssuancePolicy;
import io.tlsuite.ca.domain.Profile;
import io.tlsuite.ca.domain.Provisioner;
import io.tlsuite.ca.domain.PublicKeyProfile;
import io.tlsuite.ca.domain.RevocationReason;
import io.tlsuite.ca.domain.SerialNumbers;
import io.tlsuite.ca.domain.SubjectAltName;
import io.tlsuite.ca.events.CertificateEvents;
import io.tlsuite.ca.events.OutboxWriter;
import io.tlsuite.ca.store.CertificateQuery;
import io.tlsuite.ca.store.CertificateRecord;
import io.tlsuite.ca.store.CertificateRepository;
import io.tlsuite.ca.store.StoreException;
import io.tlsuite.service.problem.CommonProblems;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Issues, finds and revokes certificates; every change and its event commit together. */
@ApplicationScoped
public class CertificateService {

    /** Beyond this a requested lifetime is nonsense even for an administrator. */
    private static final long MAX_DAYS = 36_500;

    private static final int SERIAL_ATTEMPTS = 5;

    private final CaHierarchy hierarchy;
    private final IssuancePolicy policy;
    private final CaConfig config;
    private final CertificateRepository certificates;
    private final OutboxWriter outbox;
    private final CrlService crls;
    private final MeterRegistry metrics;
    private final Map<String, Counter> issuedCounters = new ConcurrentHashMap<>();

    CertificateService(
            CaHierarchy hierarchy,
            IssuancePolicy policy,
            CaConfig config,
            CertificateRepository certificates,
            OutboxWriter outbox,
            CrlService crls,
            MeterRegistry metrics) {
        this.hierarchy = hierarchy;
        this.policy = policy;
        this.config = config;
        this.certificates = certificates;
        this.outbox = outbox;
        this.crls = crls;
        this.metrics = metrics;
    }

    /**
     * Signs a leaf for a CSR after the policy accepted it.
     *
     * @param provisioner the provisioner that asked (its own limits on top of the policy), or null
     *     for the administrator (policy-free names and lifetime)
     */
    public IssuedCertificate issue(
            String csrPem,
            String profileName,
            Long validityDays,
            Long validityMinutes,
            Provisioner provisioner) {
        Profile profile = Profile.leaf(profileName);
        Duration validity = validity(validityDays, validityMinutes);
        CertificateRequest request = CertificateRequest.parse(csrPem);
        policy.check(request, profile, validity, provisioner == null);
        if (provisioner != null) {
            provisioner.check(request, profile);
        }
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return sign(request, profile, notBefore, notBefore.plus(validity));
    }

    /**
     * Admin only (the caller checks the token): signs a leaf for an explicit validity window, which
     * may lie in the past, for the lab's expired-certificate server. The key checks and the CSR
     * signature apply as always; names are not checked (admin).
     */
    public IssuedCertificate issueBackdated(
            String csrPem, String profileName, Instant notBefore, Instant notAfter) {
        Profile profile = Profile.leaf(profileName);
        if (notBefore == null || notAfter == null || !notAfter.isAfter(notBefore)) {
            throw new CaProblem(
                    CaProblems.LIFETIME_OUT_OF_BOUNDS, "notAfter must be after notBefore");
        }
        CertificateRequest request = CertificateRequest.parse(csrPem);
        policy.check(request, profile, Duration.between(notBefore, notAfter), true);
        return sign(
                request,
                profile,
                notBefore.truncatedTo(ChronoUnit.SECONDS),
                notAfter.truncatedTo(ChronoUnit.SECONDS));
    }

    private IssuedCertificate sign(
            CertificateRequest request, Profile profile, Instant notBefore, Instant notAfter) {
        Instant caNotAfter = hierarchy.intermediate().certificate().getNotAfter().toInstant();
        if (notAfter.isAfter(caNotAfter)) {
            throw new CaProblem(
                    CaProblems.LIFETIME_OUT_OF_BOUNDS,
                    "the certificate would outlive the intermediate CA (until " + caNotAfter + ")");
        }
        List<String> names =
                request.subjectAltNames().stream().map(SubjectAltName::toString).toList();
        for (int attempt = 1; ; attempt++) {
            BigInteger serial = SerialNumbers.next();
            X509Certificate certificate =
                    hierarchy
                            .issuer()
                            .issueLeaf(
                                    hierarchy.intermediate(),
                                    request,
                                    profile,
                                    serial,
                                    notBefore,
                                    notAfter);
            CertificateRecord record =
                    CaHierarchy.leafRecordOf(
                            certificate,
                            serial,
                            hierarchy.intermediateName(),
                            request.keyProfile(),
                            profile,
                            names,
                            notBefore,
                            notAfter);
            try {
                QuarkusTransaction.requiringNew()
                        .run(
                                () -> {
                                    certificates.insert(record);
                                    outbox.record(CertificateEvents.issued(record, certificate));
                                });
                issuedCounter(profile, request.keyProfile()).increment();
                return new IssuedCertificate(record, hierarchy.chainPem());
            } catch (StoreException e) {
                if (!e.isDuplicateKey() || attempt == SERIAL_ATTEMPTS) {
                    throw e;
                }
                // A serial collision (2^-127 odds): sign again with a new serial.
            }
        }
    }

    /**
     * The issuance counter of a profile and key kind, registered once: a registry lookup per
     * certificate builds tags and ids and checks for double registration every time.
     */
    private Counter issuedCounter(Profile profile, PublicKeyProfile key) {
        return issuedCounters.computeIfAbsent(
                profile.label() + '|' + key.description(),
                k ->
                        metrics.counter(
                                "tlsuite.ca.certificates.issued",
                                "profile",
                                profile.label(),
                                "key",
                                key.description()));
    }

    private Duration validity(Long days, Long minutes) {
        if (days != null && minutes != null) {
            throw new CaProblem(
                    CommonProblems.INVALID_REQUEST,
                    "give validityDays or validityMinutes, not both");
        }
        if (days == null && minutes == null) {
            return config.policy().defaultValidity();
        }
        long value = days != null ? days : minutes;
        if (value <= 0 || (days != null ? value : value / 1440) > MAX_DAYS) {
            throw new CaProblem(
                    CaProblems.LIFETIME_OUT_OF_BOUNDS,
                    "the lifetime must be positive and at most " + MAX_DAYS + " days");
        }
        return days != null ? Duration.ofDays(value) : Duration.ofMinutes(value);
    }

    /**
     * @throws CaProblem {@link CaProblems#UNKNOWN_CERTIFICATE}
     */
    public CertificateRecord find(String serialHex) {
        String serial = SerialNumbers.hex(SerialNumbers.parse(serialHex));
        return certificates
                .find(serial)
                .orElseThrow(
                        () ->
                                new CaProblem(
                                        CaProblems.UNKNOWN_CERTIFICATE,
                                        "no certificate with serial " + serial));
    }

    public List<CertificateRecord> list(CertificateQuery query) {
        return certificates.list(query);
    }

    public long count(CertificateQuery query) {
        return certificates.count(query);
    }

    /**
     * Revokes a leaf (RFC 5280 §5.3.1 reason). Idempotent: revoking a revoked certificate changes
     * nothing and publishes nothing. A new CRL follows every revocation.
     */
    public CertificateRecord revoke(String serialHex, String reasonName) {
        RevocationReason reason = RevocationReason.parse(reasonName);
        String serial = SerialNumbers.hex(SerialNumbers.parse(serialHex));
        boolean revoked =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    CertificateRecord record =
                                            certificates
                                                    .findForUpdate(serial)
                                                    .orElseThrow(
                                                            () ->
                                                                    new CaProblem(
                                                                            CaProblems
                                                                                    .UNKNOWN_CERTIFICATE,
                                                                            "no certificate with serial "
                                                                                    + serial));
                                    if (!record.issuer().equals(hierarchy.intermediateName())) {
                                        throw new CaProblem(
                                                CaProblems.CA_CERTIFICATE,
                                                "the CA's own certificates are not revoked"
                                                        + " through the API");
                                    }
                                    if (CertificateRecord.REVOKED.equals(record.status())) {
                                        return false;
                                    }
                                    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                                    certificates.markRevoked(serial, reason.rfcName(), now);
                                    outbox.record(
                                            CertificateEvents.revoked(
                                                    record, reason.rfcName(), now));
                                    return true;
                                });
        if (revoked) {
            metrics.counter("tlsuite.ca.certificates.revoked", "reason", reason.rfcName())
                    .increment();
            crls.publish();
        }
        return certificates.find(serial).orElseThrow();
    }
}
