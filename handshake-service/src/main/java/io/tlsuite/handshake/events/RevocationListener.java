package io.tlsuite.handshake.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.Topics;
import io.tlsuite.events.certificate.CertificateRevoked;
import io.tlsuite.events.kafka.EventEnvelopeDeserializer;
import io.tlsuite.handshake.identity.CertificateAuthority;
import io.tlsuite.handshake.identity.EnrolmentException;
import io.tlsuite.handshake.identity.IdentityEnrolment;
import io.tlsuite.handshake.identity.ServerIdentity;
import io.tlsuite.service.events.KafkaClientConfig;
import io.tlsuite.service.events.PatientConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads {@code tls.certificates} from the beginning: every {@code certificate.revoked} the CA
 * confirms ({@code GET /api/v1/certificates/{serial}}) feeds the revocation check of client
 * certificates (mTLS), and one for our own serial re-enrols at once. Its own consumer group per
 * start, so each instance sees every revocation. The consumer is made on the listener's thread
 * ({@link PatientConsumer}): the service starts without Kafka and reads once the broker is there.
 */
@ApplicationScoped
public class RevocationListener {
    private static final Logger LOG = Logger.getLogger(RevocationListener.class);

    @Inject IdentityEnrolment enrolment;
    @Inject RevokedCertificates revoked;
    @Inject CertificateAuthority ca;
    @Inject MeterRegistry meters;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "tlsuite.instance")
    String instance;

    @ConfigProperty(name = "handshake.revocation.enabled", defaultValue = "true")
    boolean enabled;

    private final PatientConsumer connection =
            new PatientConsumer("revocation listener", Duration.ofSeconds(1));
    private volatile KafkaConsumer<String, EventEnvelope> consumer;
    private volatile boolean running;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "revocation-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.putAll(KafkaClientConfig.security(ConfigProvider.getConfig()));
        p.put(
                ConsumerConfig.GROUP_ID_CONFIG,
                "handshake-service-" + instance + "-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A topic that appears after the start (the broker came later) is read within seconds.
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
        var made =
                connection.make(
                        () ->
                                new KafkaConsumer<String, EventEnvelope>(
                                        p,
                                        new StringDeserializer(),
                                        new EventEnvelopeDeserializer()),
                        () -> running);
        if (made.isEmpty()) {
            return;
        }
        try (KafkaConsumer<String, EventEnvelope> c = made.get()) {
            consumer = c;
            if (!running) {
                return; // stopped while the consumer was being made: no wakeup reached it
            }
            c.subscribe(List.of(Topics.CERTIFICATES));
            while (running) {
                try {
                    for (var r : c.poll(Duration.ofSeconds(1))) {
                        if (r.value() != null
                                && r.value().data() instanceof CertificateRevoked rev) {
                            onRevoked(rev);
                        }
                    }
                    connection.polled();
                } catch (WakeupException e) {
                    break;
                } catch (org.apache.kafka.common.errors.RecordDeserializationException e) {
                    // A record that is not a suite event (anyone can write the topic): skip it,
                    // or the consumer would stay on it for ever.
                    c.seek(e.topicPartition(), e.offset() + 1);
                    LOG.debugf("tls.certificates: skipped an unreadable record at %d", e.offset());
                } catch (RuntimeException e) {
                    // e.g. an event this version cannot read: skip it, keep listening
                    LOG.debugf("tls.certificates: %s", e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("revocation listener stopped: %s", e.getMessage());
        }
    }

    /**
     * Acts on a revocation only once the CA confirms it: anyone who can write to the topic could
     * otherwise make us re-enrol in a loop or refuse good client certificates. A refused event is
     * counted and logged without its content (it is attacker-controlled text).
     */
    void onRevoked(CertificateRevoked rev) {
        String serial = rev.serial();
        CertificateAuthority.Status status;
        try {
            status = ca.status(serial);
        } catch (EnrolmentException e) {
            meters.counter("handshake.revocation.events", "outcome", "unverifiable").increment();
            LOG.warn("certificate.revoked ignored: the CA could not confirm it (unreachable)");
            return;
        }
        if (status != CertificateAuthority.Status.REVOKED) {
            meters.counter("handshake.revocation.events", "outcome", "unconfirmed").increment();
            LOG.warnf(
                    "certificate.revoked ignored: the CA does not confirm it (%s); a forged event?",
                    status);
            return;
        }
        meters.counter("handshake.revocation.events", "outcome", "confirmed").increment();
        revoked.revoked(serial);
        ServerIdentity mine = enrolment.current().orElse(null);
        if (mine != null && mine.owns(serial)) {
            enrolment.reenrol("our certificate " + serial + " was revoked (confirmed by the CA)");
        }
    }

    /** Whether it listens, and if not why: for the readiness check. */
    public boolean enabled() {
        return enabled;
    }

    public PatientConsumer connection() {
        return connection;
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, EventEnvelope> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }
}
