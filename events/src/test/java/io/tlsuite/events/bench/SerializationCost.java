package io.tlsuite.events.bench;

import io.tlsuite.events.EventCatalog;
import io.tlsuite.events.EventCodec;
import io.tlsuite.events.EventEnvelope;
import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.SerializationReference;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU per published event, the CloudEvents SDK's writer against {@link EventCodec#serialize}, in
 * alternating rounds over one sample of every event type (thread CPU time, so other processes on
 * the machine do not count). Not a test: run it with the module's test classpath, {@code java -cp
 * ... io.tlsuite.events.bench.SerializationCost [rounds] [events per round]}.
 */
public final class SerializationCost {
    private SerializationCost() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<EventEnvelope> envelopes = new ArrayList<>();
        for (Class<? extends LifecycleEvent> type : EventCatalog.recordTypes()) {
            envelopes.add(
                    EventCodec.envelope(
                            SerializationReference.sample(type),
                            "/tlsuite/handshake-service/bench"));
        }
        long sink = 0;
        long sdkTotal = 0;
        long oursTotal = 0;
        int warmUp = rounds / 3;
        System.out.printf(
                "%d event types, %d rounds of %d events each way (first %d are warm-up), %s%n",
                envelopes.size(), rounds, perRound, warmUp, System.getProperty("java.vm.version"));
        for (int r = 0; r < rounds; r++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                sink += SerializationReference.withSdk(envelopes.get(i % envelopes.size())).length;
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                sink += EventCodec.serialize(envelopes.get(i % envelopes.size())).length;
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            if (r >= warmUp) {
                sdkTotal += t1 - t0;
                oursTotal += t2 - t1;
            }
        }
        int measured = (rounds - warmUp) * perRound;
        System.out.printf(
                "CloudEvents SDK writer %.2f us per event, streaming writer %.2f us per event,"
                        + " ratio %.2f (checksum %d)%n",
                sdkTotal / 1e3 / measured,
                oursTotal / 1e3 / measured,
                (double) oursTotal / sdkTotal,
                sink);
    }
}
