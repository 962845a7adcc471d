package io.tlsuite.dashboard.bench;

import io.tlsuite.dashboard.domain.DashboardEvent;
import io.tlsuite.dashboard.domain.EventIndex;
import io.tlsuite.dashboard.domain.Stories;
import io.tlsuite.dashboard.events.EventDecoder;
import io.tlsuite.events.EventCodec;
import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * CPU per event of the dashboard's consumer path, without Kafka, in one thread, interleaved rounds:
 * the old path (the CloudEvents SDK and the typed codec: deserialize, bind to the record, write the
 * data back to JSON text) against the new one (one parse into a tree, then the index, one lock per
 * batch of 2000). Run with the test classpath: {@code ConsumePathBenchmark [rounds]}.
 */
public final class ConsumePathBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<byte[]> records = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String id = UUID.randomUUID().toString();
            for (LifecycleEvent e :
                    Stories.rsaHandshake("hs-" + id, "s-" + id, "0abc" + (i % 50))) {
                records.add(EventCodec.serialize(EventCodec.envelope(e, "/tlsuite/bench/1")));
                topics.add(e.topic());
            }
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        EventDecoder decoder = new EventDecoder();
        long sink = 0;
        double[] oldUs = new double[rounds];
        double[] newUs = new double[rounds];
        for (int r = -3; r < rounds; r++) { // three warm-up rounds
            long t0 = cpu.getCurrentThreadCpuTime();
            for (byte[] b : records) {
                EventEnvelope e = EventCodec.deserialize(b);
                sink += EventCodec.dataAsJson(e.data()).length();
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            EventIndex index =
                    new EventIndex(
                            new EventIndex.Limits(
                                    10000, 5000, 10000, 2000, 200, 1000, Duration.ofDays(7)),
                            Topics.ALL);
            List<DashboardEvent> batch = new ArrayList<>(2000);
            for (int i = 0; i < records.size(); i++) {
                batch.add(decoder.decode(topics.get(i), 0, i, records.get(i)));
                if (batch.size() == 2000) {
                    index.appendAll(batch);
                    batch = new ArrayList<>(2000);
                }
            }
            index.appendAll(batch);
            long t2 = cpu.getCurrentThreadCpuTime();
            sink += index.total();
            if (r >= 0) {
                oldUs[r] = (t1 - t0) / 1000.0 / records.size();
                newUs[r] = (t2 - t1) / 1000.0 / records.size();
            }
        }
        java.util.Arrays.sort(oldUs);
        java.util.Arrays.sort(newUs);
        System.out.printf(
                "%d events per round, %d rounds; median CPU per event: old path %.1f us, new path %.1f us (%.1fx); min %.1f / %.1f us (%d)%n",
                records.size(),
                rounds,
                oldUs[rounds / 2],
                newUs[rounds / 2],
                oldUs[rounds / 2] / newUs[rounds / 2],
                oldUs[0],
                newUs[0],
                sink % 10);
    }

    private ConsumePathBenchmark() {}
}
