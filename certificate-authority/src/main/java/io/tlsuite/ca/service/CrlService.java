package io.tlsuite.ca.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.tlsuite.ca.config.CaConfig;
import io.tlsuite.ca.domain.CrlBuilder;
import io.tlsuite.ca.domain.RevocationReason;
import io.tlsuite.ca.domain.RevokedEntry;
import io.tlsuite.ca.domain.SerialNumbers;
import io.tlsuite.ca.events.OutboxWriter;
import io.tlsuite.ca.store.CertificateRepository;
import io.tlsuite.ca.store.CrlRepository;
import io.tlsuite.ca.store.CrlRepository.StoredCrl;
import io.tlsuite.events.certificate.CrlPublished;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The intermediate's CRL: signed again after every revocation and on a schedule, always before the
 * previous one's nextUpdate (RFC 5280 §5.1.2.5), and kept in the store so every replica serves the
 * newest.
 */
@ApplicationScoped
public class CrlService {

    private static final Logger LOG = Logger.getLogger(CrlService.class);

    private final CaHierarchy hierarchy;
    private final CaConfig config;
    private final CrlRepository crls;
    private final CertificateRepository certificates;
    private final OutboxWriter outbox;

    CrlService(
            CaHierarchy hierarchy,
            CaConfig config,
            CrlRepository crls,
            CertificateRepository certificates,
            OutboxWriter outbox) {
        this.hierarchy = hierarchy;
        this.config = config;
        this.crls = crls;
        this.certificates = certificates;
        this.outbox = outbox;
    }

    /** The newest CRL; a new one is signed first when none exists or it is past nextUpdate. */
    public StoredCrl current() {
        return fresh().orElseGet(this::refresh);
    }

    private java.util.Optional<StoredCrl> fresh() {
        return crls.latest(hierarchy.intermediateSerial())
                .filter(crl -> Instant.now().isBefore(crl.nextUpdate()));
    }

    /** Concurrent readers of a stale CRL wait for one new CRL rather than each signing one. */
    private synchronized StoredCrl refresh() {
        return fresh().orElseGet(this::publish);
    }

    @Scheduled(
            every = "${tlsuite.ca.crl.check-every}",
            delay = 1,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reissueIfDue() {
        Instant now = Instant.now();
        boolean due =
                crls.latest(hierarchy.intermediateSerial())
                        .map(
                                crl ->
                                        !now.isBefore(
                                                crl.thisUpdate().plus(config.crl().reissueAfter())))
                        .orElse(true);
        if (due) {
            publish();
        }
    }

    /** Signs a complete CRL of every revoked leaf and records {@code certificate.crl-published}. */
    public synchronized StoredCrl publish() {
        String issuerSerial = hierarchy.intermediateSerial();
        Instant thisUpdate = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = thisUpdate.plus(config.crl().nextUpdate());
        StoredCrl stored =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    long number = crls.nextNumber(issuerSerial);
                                    List<RevokedEntry> entries =
                                            certificates
                                                    .findRevoked(hierarchy.intermediateName())
                                                    .stream()
                                                    .map(
                                                            c ->
                                                                    new RevokedEntry(
                                                                            SerialNumbers.parse(
                                                                                    c.serial()),
                                                                            c.revokedAt(),
                                                                            RevocationReason.parse(
                                                                                    c
                                                                                            .revocationReason())))
                                                    .toList();
                                    X509CRL crl =
                                            CrlBuilder.build(
                                                    hierarchy.intermediate(),
                                                    number,
                                                    thisUpdate,
                                                    nextUpdate,
                                                    entries);
                                    StoredCrl signed =
                                            new StoredCrl(number, thisUpdate, nextUpdate, der(crl));
                                    crls.insert(issuerSerial, signed);
                                    outbox.record(
                                            new CrlPublished(
                                                    issuerSerial,
                                                    hierarchy.intermediateName(),
                                                    number,
                                                    thisUpdate,
                                                    nextUpdate,
                                                    entries.size()));
                                    return signed;
                                });
        LOG.debugf("Published CRL %d", stored.number());
        return stored;
    }

    private static byte[] der(X509CRL crl) {
        try {
            return crl.getEncoded();
        } catch (CRLException e) {
            throw new IllegalStateException(e);
        }
    }
}
