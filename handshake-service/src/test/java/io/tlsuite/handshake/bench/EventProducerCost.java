package io.tlsuite.handshake.bench;

import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.kafka.EventPublisher;
import io.tlsuite.events.kafka.KafkaClientSecurity;
import io.tlsuite.handshake.events.HandshakeEventRecorder;
import io.tlsuite.handshake.support.TestCertificateAuthority;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.cert.CertificateValidator;
import io.tlsuite.protocol.config.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * What the TLS port's handshake events cost the processes that carry them (the Kafka broker, the
 * dashboard that consumes them), for several producer settings ({@code linger.ms}; {@code
 * compression.type} only where every consumer can read it) at the same fixed rate of connections
 * per second. The events are the real ones of real in-memory TLS 1.3 handshakes (made once, before
 * measuring); each mode publishes them at the given pace for the given time, the modes alternate in
 * rounds, and each reads the CPU time of the named processes ({@code /proc}) before and after, so
 * the ratios hold on a busy machine. Not a test.
 *
 * <p>Arguments: bootstrap servers, Kafka user, Kafka password file ({@code user=password} lines,
 * e.g. the local run's {@code .suite/kafka-users.properties}), connections per second, seconds per
 * run, rounds, then {@code name=pid} of each process to read.
 */
public final class EventProducerCost {

    record Mode(String name, int lingerMs, String compression) {}

    static final List<Mode> MODES =
            List.of(
                    new Mode("linger 5 ms, none", 5, "none"),
                    new Mode("linger 20 ms, none", 20, "none"),
                    new Mode("linger 50 ms, none", 50, "none"));

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String user = args[1];
        String password = null;
        for (String line : Files.readAllLines(Path.of(args[2]))) {
            if (line.startsWith(user + "=")) {
                password = line.substring(user.length() + 1).trim();
            }
        }
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);
        List<String[]> procs = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            procs.add(args[i].split("=", 2));
        }
        Map<String, String> settings =
                Map.of(KafkaClientSecurity.USERNAME, user, KafkaClientSecurity.PASSWORD, password);
        Map<String, Object> security =
                KafkaClientSecurity.properties(name -> Optional.ofNullable(settings.get(name)));

        List<List<LifecycleEvent>> connections = handshakes(Math.min(1000, rate * seconds));
        int events = connections.stream().mapToInt(List::size).sum();
        System.out.printf(
                "# %d handshakes made, %.1f events each; %d connections/s, %d s per run, load %s%n",
                connections.size(),
                events / (double) connections.size(),
                rate,
                seconds,
                Files.readString(Path.of("/proc/loadavg")).trim());
        Map<Mode, EventPublisher> publishers = new HashMap<>();
        for (Mode m : MODES) {
            Map<String, Object> p = new HashMap<>(security);
            p.put("linger.ms", m.lingerMs());
            p.put("compression.type", m.compression());
            publishers.put(
                    m, EventPublisher.create(bootstrap, "/tlsuite/bench/" + m.lingerMs(), p));
        }
        // Warm-up of every producer (connections, metadata), not measured.
        for (Mode m : MODES) {
            publish(publishers.get(m), connections, rate, 2);
        }
        for (int r = 1; r <= rounds; r++) {
            for (Mode m : MODES) {
                long[] before = ticks(procs);
                int n = publish(publishers.get(m), connections, rate, seconds);
                Thread.sleep(500); // the last batches reach the broker and the dashboard
                long[] after = ticks(procs);
                StringBuilder line =
                        new StringBuilder(String.format("round %d %-20s", r, m.name()));
                for (int i = 0; i < procs.size(); i++) {
                    line.append(
                            String.format(
                                    "  %s %4d us",
                                    procs.get(i)[0], (after[i] - before[i]) * 10_000 / n));
                }
                System.out.println(line + "  per connection");
            }
        }
        publishers.values().forEach(EventPublisher::close);
    }

    /** Publishes connection after connection at {@code rate} per second; returns how many. */
    static int publish(
            EventPublisher p, List<List<LifecycleEvent>> connections, int rate, int seconds)
            throws InterruptedException {
        long start = System.nanoTime();
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            for (LifecycleEvent e : connections.get(i % connections.size())) {
                p.publish(e);
            }
        }
        return total;
    }

    /** The events of real TLS 1.3 handshakes through the service's own recorder. */
    static List<List<LifecycleEvent>> handshakes(int n) throws Exception {
        List<List<LifecycleEvent>> all = new ArrayList<>();
        try (TestCertificateAuthority ca = new TestCertificateAuthority()) {
            var kp = TestCertificateAuthority.keyPair();
            var leaf =
                    ca.issueFor(
                            kp.getPublic(),
                            "localhost",
                            KeyPurposeId.id_kp_serverAuth,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
            TlsConfig server =
                    TlsConfig.builder().certificate(List.of(leaf), kp.getPrivate()).build();
            TlsConfig client =
                    TlsConfig.builder()
                            .certificateValidator(CertificateValidator.insecureAcceptAll())
                            .build();
            for (int i = 0; i < n; i++) {
                List<LifecycleEvent> events = new ArrayList<>();
                HandshakeEventRecorder recorder =
                        new HandshakeEventRecorder(
                                "hs-" + UUID.randomUUID(), "tcp", "127.0.0.1:40000", events::add);
                TlsEngine s = TlsEngine.server(server.toBuilder().listener(recorder).build());
                TlsEngine c = TlsEngine.client(client);
                EngineOutput o = s.feed(c.start().outbound());
                s.feed(c.feed(o.outbound()).outbound());
                recorder.completed(UUID.randomUUID().toString(), s.negotiated().orElseThrow());
                all.add(events);
            }
        }
        return all;
    }

    private static long[] ticks(List<String[]> procs) throws Exception {
        long[] t = new long[procs.size()];
        for (int i = 0; i < t.length; i++) {
            String stat = Files.readString(Path.of("/proc", procs.get(i)[1], "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            t[i] = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
        return t;
    }
}
