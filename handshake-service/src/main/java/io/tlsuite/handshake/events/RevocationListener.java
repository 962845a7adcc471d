package io.tlsuite.handshake.events;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.Topics;
import io.tlsuite.events.certificate.CertificateRevoked;
import io.tlsuite.events.kafka.EventEnvelopeDeserializer;
import io.tlsuite.handshake.identity.IdentityEnrolment;
import io.tlsuite.handshake.identity.ServerIdentity;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads {@code tls.certificates} from the beginning: every {@code certificate.revoked} feeds the
 * revocation check of client certificates (mTLS), and one for our own serial re-enrols at once. Its
 * own consumer group per start, so each instance sees every revocation.
 */
@ApplicationScoped
public class RevocationListener {
    private static final Logger LOG = Logger.getLogger(RevocationListener.class);

    @Inject IdentityEnrolment enrolment;
    @Inject RevokedCertificates revoked;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "tlsuite.instance")
    String instance;

    @ConfigProperty(name = "handshake.revocation.enabled", defaultValue = "true")
    boolean enabled;

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
        p.put(
                ConsumerConfig.GROUP_ID_CONFIG,
                "handshake-service-" + instance + "-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, EventEnvelope> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new EventEnvelopeDeserializer())) {
            consumer = c;
            c.subscribe(List.of(Topics.CERTIFICATES));
            while (running) {
                try {
                    for (var r : c.poll(Duration.ofSeconds(1))) {
                        if (r.value() != null
                                && r.value().data() instanceof CertificateRevoked rev) {
                            onRevoked(rev);
                        }
                    }
                } catch (WakeupException e) {
                    break;
                } catch (RuntimeException e) {
                    // e.g. an event this version cannot read: skip it, keep listening
                    LOG.debugf("tls.certificates: %s", e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("revocation listener stopped: %s", e.getMessage());
        }
    }

    void onRevoked(CertificateRevoked rev) {
        revoked.revoked(rev.serial());
        ServerIdentity mine = enrolment.current().orElse(null);
        if (mine != null && mine.owns(rev.serial())) {
            enrolment.reenrol(
                    "our certificate " + rev.serial() + " was revoked (" + rev.reason() + ")");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, EventEnvelope> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }
}
