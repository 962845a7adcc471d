package io.tlsuite.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** Every setting of the dashboard; the module README lists them with their defaults. */
@ConfigMapping(prefix = "dashboard")
public interface DashboardConfig {

    /** Events kept for the list, the stream's history and the export. */
    @WithName("events.capacity")
    @WithDefault("10000")
    int eventsCapacity();

    @WithName("handshakes.capacity")
    @WithDefault("5000")
    int handshakesCapacity();

    @WithName("sessions.capacity")
    @WithDefault("10000")
    int sessionsCapacity();

    @WithName("certificates.capacity")
    @WithDefault("2000")
    int certificatesCapacity();

    @WithName("runs.capacity")
    @WithDefault("200")
    int runsCapacity();

    @WithName("anomalies.capacity")
    @WithDefault("1000")
    int anomaliesCapacity();

    /** A certificate this close to its notAfter is listed as expiring soon. */
    @WithName("certificates.expiring-within")
    @WithDefault("P7D")
    Duration expiringWithin();

    /** At start, how many records back from the end of each partition to read again. */
    @WithName("replay.per-partition")
    @WithDefault("10000")
    long replayPerPartition();

    @WithName("consumer.group-id")
    Optional<String> groupId();

    @WithName("consumer.max-poll-records")
    @WithDefault("2000")
    int maxPollRecords();

    /**
     * The least the broker gathers before it answers a fetch (unless {@code
     * consumer.fetch-max-wait} passes first): with 1, every produce request of every service wakes
     * the reader and costs the broker a fetch; a few kilobytes let one fetch carry many.
     */
    @WithName("consumer.fetch-min-bytes")
    @WithDefault("16384")
    int fetchMinBytes();

    /**
     * The longest the broker holds a fetch waiting for {@code consumer.fetch-min-bytes}: the most a
     * quiet moment adds to an event's way to the live stream.
     */
    @WithName("consumer.fetch-max-wait")
    @WithDefault("PT0.025S")
    Duration fetchMaxWait();

    /** How often the reader samples its lag (end offset minus position) per partition. */
    @WithName("consumer.lag-interval")
    @WithDefault("PT2S")
    Duration lagInterval();

    @WithName("stream.max-subscribers")
    @WithDefault("32")
    int maxSubscribers();

    /**
     * Live viewers one client address may hold at once, so that one client cannot take every slot
     * of {@code stream.max-subscribers}.
     */
    @WithName("stream.max-subscribers-per-client")
    @WithDefault("8")
    int maxSubscribersPerClient();

    /** Events queued per live subscriber; past it, new events are dropped and counted. */
    @WithName("stream.buffer")
    @WithDefault("5000")
    int streamBuffer();
}
