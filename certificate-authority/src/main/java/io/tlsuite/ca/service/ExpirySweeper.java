package io.tlsuite.ca.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.tlsuite.ca.events.CertificateEvents;
import io.tlsuite.ca.events.OutboxWriter;
import io.tlsuite.ca.store.CertificateRecord;
import io.tlsuite.ca.store.CertificateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Finds certificates past their notAfter, marks them expired, records {@code certificate.expired}.
 */
@ApplicationScoped
public class ExpirySweeper {

    private static final int BATCH = 500;

    private final CertificateRepository certificates;
    private final OutboxWriter outbox;

    ExpirySweeper(CertificateRepository certificates, OutboxWriter outbox) {
        this.certificates = certificates;
        this.outbox = outbox;
    }

    @Scheduled(
            every = "${tlsuite.ca.expiry.sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        while (sweep(Instant.now()) == BATCH) {
            // a full batch: more may be waiting
        }
    }

    /** Expires what is past its notAfter at {@code now}; returns how many. */
    public int sweep(Instant now) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            List<CertificateRecord> expired = certificates.findExpired(now, BATCH);
                            for (CertificateRecord c : expired) {
                                certificates.markExpired(c.serial());
                                outbox.record(CertificateEvents.expired(c));
                            }
                            return expired.size();
                        });
    }
}
