package io.tlsuite.sessionstore.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tlsuite.events.EventCodec;
import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.certificate.CertificateRevoked;
import io.tlsuite.service.events.KafkaClientConfig;
import io.tlsuite.service.events.PatientConsumer;
import io.tlsuite.sessionstore.SessionStoreConfig;
import io.tlsuite.sessionstore.domain.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The revocation cascade's trigger: reads {@code certificate.revoked} from {@code tls.certificates}
 * on its own consumer thread and terminates every session that used the certificate. Records of
 * other types and records that are not suite events are skipped (and counted), never retried; a
 * cascade that fails (backend down) is retried until it succeeds, so no revocation is lost. The
 * consumer is made on that thread ({@link PatientConsumer}): the store starts without Kafka.
 */
@ApplicationScoped
public class RevocationListener {

    private static final Logger LOG = Logger.getLogger(RevocationListener.class);

    @Inject SessionRegistry registry;
    @Inject SessionStoreConfig config;
    @Inject MeterRegistry meters;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final PatientConsumer connection =
            new PatientConsumer("revocation cascade", Duration.ofSeconds(1));
    private volatile RevocationConfirmation confirmation;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        if (!config.revocation().enabled()) {
            LOG.info("Revocation cascade disabled (sessionstore.revocation.enabled=false)");
            return;
        }
        confirmation = new RevocationConfirmation(config.revocation().caUrl());
        running = true;
        thread = new Thread(this::run, "revocation-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.putAll(KafkaClientConfig.security(ConfigProvider.getConfig()));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.revocation().groupId());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "session-store-revocations");
        // A topic that appears after the start (the broker came later) is read within seconds.
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void run() {
        // Made here, not at start: the store starts (and serves sessions) while Kafka is away.
        var made = connection.make(this::newConsumer, () -> running);
        if (made.isEmpty()) {
            return;
        }
        consumer = made.get();
        try {
            if (!running) {
                return; // stopped while the consumer was being made: no wakeup reached it
            }
            consumer.subscribe(List.of(config.revocation().topic()));
            LOG.infof(
                    "Revocation cascade listening on %s as group %s",
                    config.revocation().topic(), config.revocation().groupId());
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> record :
                            consumer.poll(Duration.ofMillis(500))) {
                        handle(record);
                    }
                    connection.polled();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Keep listening: a cascade must not stop for good on a transient failure.
                    LOG.warnf("Revocation listener poll failed, retrying: %s", e.toString());
                    sleep(1000);
                }
            }
        } catch (WakeupException e) {
            // shutting down
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Whether the cascade listens at all (sessionstore.revocation.enabled). */
    public boolean enabled() {
        return config.revocation().enabled();
    }

    /** How making and polling the consumer goes: for the readiness check. */
    public PatientConsumer connection() {
        return connection;
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope;
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("no value");
            }
            envelope = EventCodec.deserialize(record.value());
        } catch (RuntimeException e) {
            meters.counter("sessionstore.revocations.skipped", "why", "malformed").increment();
            LOG.debugf("Skipped a record that is not a suite event at offset %d", record.offset());
            return;
        }
        if (!(envelope.data() instanceof CertificateRevoked revoked)) {
            return;
        }
        long backoff = 200;
        while (running) {
            try {
                // Confirmed with the CA first: a forged event (any Kafka client can write the
                // topic) terminates nothing. Its content is attacker-controlled: not logged.
                if (!confirmation.isRevoked(revoked.serial())) {
                    meters.counter("sessionstore.revocations.skipped", "why", "unconfirmed")
                            .increment();
                    LOG.warnf(
                            "Ignored a certificate.revoked the CA does not confirm (offset %d):"
                                    + " a forged event?",
                            record.offset());
                    return;
                }
                String serial = revoked.serial();
                int terminated = registry.revokeCertificate(serial);
                meters.counter("sessionstore.revocations.received").increment();
                LOG.infof(
                        "Certificate %s revoked (confirmed by the CA): %d sessions terminated",
                        serial, terminated);
                return;
            } catch (RuntimeException e) {
                LOG.warnf(
                        "Revocation cascade at offset %d failed, retrying: %s",
                        record.offset(), e.toString());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
