package io.tlsuite.dashboard.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tlsuite.dashboard.DashboardConfig;
import io.tlsuite.dashboard.domain.DashboardEvent;
import io.tlsuite.dashboard.domain.EventIndex;
import io.tlsuite.dashboard.live.LiveStream;
import io.tlsuite.events.Topics;
import io.tlsuite.service.events.KafkaClientConfig;
import io.tlsuite.service.events.PatientConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Reads every topic of the suite with a plain Kafka consumer on a thread of its own: records come
 * in batches of up to {@code dashboard.consumer.max-poll-records}, are decoded once, indexed under
 * one lock per batch and handed to the live viewers once. The dashboard keeps nothing on disk, so
 * it commits no offsets: at start (and on every assignment) it reads back the last {@code
 * dashboard.replay.per-partition} records of each partition, which rebuilds the views. The consumer
 * is made on that thread ({@link PatientConsumer}): the dashboard starts without Kafka and reads
 * once the broker is there.
 */
@ApplicationScoped
public class TopicReader implements Runnable {

    private static final Logger LOG = Logger.getLogger(TopicReader.class);

    private final EventIndex index;
    private final LiveStream stream;
    private final DashboardConfig config;
    private final Config all;
    private final EventDecoder decoder = new EventDecoder();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile Set<TopicPartition> assigned = Set.of();
    private volatile boolean running;
    private volatile long lastPollMillis;
    private volatile String lastError;
    private final PatientConsumer connection =
            new PatientConsumer("dashboard topic reader", Duration.ofSeconds(1));
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;
    private final MeterRegistry metrics;

    TopicReader(
            EventIndex index,
            LiveStream stream,
            DashboardConfig config,
            Config all,
            MeterRegistry metrics) {
        this.index = index;
        this.stream = stream;
        this.config = config;
        this.all = all;
        this.metrics = metrics;
        metrics.gauge("dashboard.records.read", records);
        metrics.gauge("dashboard.records.malformed", malformed);
    }

    void start(@Observes StartupEvent started) {
        running = true;
        thread = new Thread(this, "dashboard-topic-reader");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(5000);
        }
    }

    /**
     * Every {@code kafka.*} property the consumer knows (bootstrap servers, security, SASL, TLS)
     * and the principal's credentials ({@link KafkaClientConfig}), so the dashboard connects like
     * the services do; then the settings the reader relies on.
     */
    private Properties consumerProperties() {
        Properties p = new Properties();
        Set<String> known = ConsumerConfig.configNames();
        KafkaClientConfig.all(all)
                .forEach(
                        (key, value) -> {
                            if (known.contains(key)) {
                                p.put(key, value);
                            }
                        });
        String instance = all.getOptionalValue("tlsuite.instance", String.class).orElse("local");
        p.put(
                ConsumerConfig.GROUP_ID_CONFIG,
                config.groupId().orElse("event-dashboard-" + instance));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(config.maxPollRecords()));
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(config.fetchMinBytes()));
        p.put(
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                String.valueOf(config.fetchMaxWait().toMillis()));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "event-dashboard-" + instance);
        // Topics created after the start are picked up within seconds, not the default 5 minutes.
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        return p;
    }

    @Override
    public void run() {
        // Made here, not at start: the dashboard starts (and serves its page) while Kafka is away.
        var made =
                connection.make(
                        () ->
                                new KafkaConsumer<>(
                                        consumerProperties(),
                                        new ByteArrayDeserializer(),
                                        new ByteArrayDeserializer()),
                        () -> running);
        if (made.isEmpty()) {
            return;
        }
        consumer = made.get();
        try {
            if (!running) {
                return; // stopped while the consumer was being made: no wakeup reached it
            }
            // The consumer's own metrics (records-lag-max per partition: the consumer-lag alert).
            new KafkaClientMetrics(consumer).bindTo(metrics);
            consumer.subscribe(Topics.ALL, new ReplayRecent());
            long nextLag = 0;
            long nextHeartbeat = 0;
            while (running) {
                try {
                    ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(200));
                    lastPollMillis = System.currentTimeMillis();
                    if (!polled.isEmpty()) {
                        take(polled);
                    }
                    if (lastPollMillis >= nextLag) {
                        sampleLag();
                        nextLag = lastPollMillis + config.lagInterval().toMillis();
                    }
                    if (lastPollMillis >= nextHeartbeat) {
                        // Idle viewers are written to now and then, so one that left is noticed.
                        stream.heartbeat();
                        nextHeartbeat = lastPollMillis + 10_000;
                    }
                    lastError = null;
                } catch (WakeupException e) {
                    if (running) {
                        throw e;
                    }
                } catch (KafkaException e) {
                    // Authorisation or a broken broker: say so on the health check, try again.
                    lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                    LOG.warnf("reading the suite's topics failed, retrying: %s", lastError);
                    sleep(2000);
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void take(ConsumerRecords<byte[], byte[]> polled) {
        List<DashboardEvent> batch = new ArrayList<>(polled.count());
        Instant received = Instant.now();
        for (ConsumerRecord<byte[], byte[]> r : polled) {
            try {
                DashboardEvent e = decoder.decode(r.topic(), r.partition(), r.offset(), r.value());
                e.arrived(
                        r.timestamp() >= 0 ? Instant.ofEpochMilli(r.timestamp()) : null, received);
                batch.add(e);
            } catch (EventDecoder.NotAnEvent e) {
                malformed.incrementAndGet();
                index.malformed();
                LOG.debugf(
                        "skipped %s-%d@%d, not a suite event: %s",
                        r.topic(), r.partition(), r.offset(), e.getMessage());
            }
        }
        records.addAndGet(polled.count());
        index.appendAll(batch);
        stream.publish(batch);
    }

    private void sampleLag() {
        Map<String, Map<Integer, Long>> lag = new HashMap<>();
        for (TopicPartition tp : assigned) {
            OptionalLong l = consumer.currentLag(tp);
            if (l.isPresent()) {
                lag.computeIfAbsent(tp.topic(), k -> new TreeMap<>())
                        .put(tp.partition(), l.getAsLong());
            }
        }
        index.lag(lag);
    }

    /** Replays the recent past of each partition it is given. */
    private final class ReplayRecent implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                long from =
                        Math.max(
                                begin.getOrDefault(tp, 0L),
                                end.getOrDefault(tp, 0L) - config.replayPerPartition());
                consumer.seek(tp, from);
            }
            assigned = Set.copyOf(consumer.assignment());
            LOG.infof("reading %d partitions of the suite's topics", assigned.size());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            assigned = Set.copyOf(consumer.assignment());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the readiness check reports. */
    public record Status(
            boolean running,
            int partitions,
            long records,
            long malformed,
            long lastPollMillis,
            String lastError) {}

    public Status status() {
        return new Status(
                running && thread != null && thread.isAlive(),
                assigned.size(),
                records.get(),
                malformed.get(),
                lastPollMillis,
                connection.waiting().orElse(lastError));
    }
}
