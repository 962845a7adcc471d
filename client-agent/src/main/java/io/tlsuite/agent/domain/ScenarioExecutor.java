package io.tlsuite.agent.domain;

import io.tlsuite.agent.domain.Scenario.Mode;
import io.tlsuite.agent.transport.Channel;
import io.tlsuite.agent.transport.RestChannel;
import io.tlsuite.agent.transport.TcpChannel;
import io.tlsuite.agent.trust.CertificateCheck;
import io.tlsuite.agent.trust.CheckingValidator;
import io.tlsuite.agent.trust.RevocationCache;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.CertifiedKey;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.crypto.KeySchedule;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.record.ContentType;
import io.tlsuite.protocol.record.Record;
import io.tlsuite.protocol.record.RecordProtection;
import io.tlsuite.protocol.record.RecordReader;
import io.tlsuite.protocol.resumption.ClientSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Plays one scenario once over one transport and judges the outcome against the scenario's
 * expectation. Thread safe: each call builds its own engines and channels.
 */
public final class ScenarioExecutor {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int EXCHANGE_MESSAGES = 5;

    /** What the executor needs from the running agent. */
    public record Trust(
            List<X509Certificate> roots, CertifiedKey clientIdentity, RevocationCache revocation) {}

    /** Called for each finished connection (events). */
    public interface Observer {
        void connection(
                String connectionId,
                X509Certificate leaf,
                List<CertificateCheck> checks,
                List<AppRecordView> records);

        Observer NONE = (id, leaf, checks, records) -> {};
    }

    private final Trust trust;
    private final String labDomain;
    private final Duration timeout;
    private final HttpClient http;
    private final KeyCopies keys;
    private final boolean requestStapling;

    /**
     * @param requestStapling send status_request and check a stapled OCSP response first
     */
    public ScenarioExecutor(
            Trust trust,
            String labDomain,
            Duration timeout,
            HttpClient http,
            KeyCopies keys,
            boolean requestStapling) {
        this.trust = trust;
        this.labDomain = labDomain;
        this.timeout = timeout;
        this.http = http;
        this.keys = keys;
        this.requestStapling = requestStapling;
    }

    /** One play; never throws for what the server or the network does. */
    public AttemptResult run(Scenario scenario, Target target, boolean detail, Observer observer) {
        Play p = new Play(scenario, target, detail, observer);
        try {
            switch (scenario.mode()) {
                case LEGACY -> p.legacy();
                case RESUMPTION -> p.resumption();
                default -> p.single();
            }
        } catch (IOException e) {
            p.error = describe(e);
        } catch (RuntimeException e) {
            p.error = "internal: " + e.getClass().getSimpleName();
        }
        return p.result();
    }

    static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "unreachable: "
                    + (e.getMessage() == null ? "connection refused" : e.getMessage());
        }
        if (e instanceof SocketTimeoutException
                || e instanceof java.net.http.HttpTimeoutException) {
            return "timeout: no answer in time";
        }
        if (e instanceof UnknownHostException) {
            return "unreachable: unknown host " + e.getMessage();
        }
        String m = e.getMessage();
        return "io: " + (m == null ? e.getClass().getSimpleName() : m);
    }

    /** The state of one play. */
    private final class Play {
        final Scenario scenario;
        final Target target;
        final boolean detail;
        final Observer observer;
        final List<String> notes = new ArrayList<>();
        final List<Map<String, Object>> messages = new ArrayList<>();
        final List<Map<String, Object>> serverMessages = new ArrayList<>();
        final List<CertificateCheck> checks = new ArrayList<>();
        Map<String, Double> phases = new LinkedHashMap<>();
        Map<String, Object> negotiated = new LinkedHashMap<>();
        String alertSent;
        String alertReceived;
        String revocation;
        boolean completed;
        boolean modeOk = true;
        String modeProblem;
        String error;
        boolean legacyServerRefused;
        boolean legacyAgentRefused;

        Play(Scenario scenario, Target target, boolean detail, Observer observer) {
            this.scenario = scenario;
            this.target = target;
            this.detail = detail;
            this.observer = observer;
        }

        String serverName() {
            // The REST API has no SNI routing: there the handshake service answers as itself.
            if (scenario.labHost() != null && ScenarioCatalog.TCP.equals(target.transport())) {
                return scenario.labHost() + "." + labDomain;
            }
            return target.host();
        }

        Channel open() throws IOException {
            return open(target);
        }

        Channel open(Target where) throws IOException {
            if (ScenarioCatalog.REST.equals(where.transport())) {
                return new RestChannel(
                        http,
                        where.url(),
                        timeout,
                        detail,
                        scenario.profile().presentCertificate());
            }
            return new TcpChannel(where.host(), where.port(), timeout);
        }

        TlsConfig config(CheckingValidator validator, ClientSession resume, Captured captured) {
            ClientProfile pr = scenario.profile();
            TlsConfig.Builder b =
                    TlsConfig.builder()
                            .serverName(serverName())
                            .certificateValidator(validator)
                            .requestOcspStapling(requestStapling);
            if (!pr.versions().isEmpty()) {
                b.versions(pr.versions().toArray(ProtocolVersion[]::new));
            }
            if (!pr.suites().isEmpty()) {
                b.cipherSuites(pr.suites().toArray(CipherSuite[]::new));
            }
            if (!pr.tls12Suites().isEmpty()) {
                b.tls12CipherSuites(pr.tls12Suites().toArray(Tls12CipherSuite[]::new));
            }
            if (!pr.groups().isEmpty()) {
                b.groups(pr.groups().toArray(NamedGroup[]::new));
            }
            if (pr.presentCertificate() && trust.clientIdentity() != null) {
                b.certificate(trust.clientIdentity().chain(), trust.clientIdentity().privateKey());
            }
            if (resume != null) {
                b.resumeSession(resume);
            }
            if (captured != null) {
                b.keyLog(captured);
            }
            return b.build();
        }

        CheckingValidator validator() {
            return new CheckingValidator(
                    trust.roots(),
                    trust.revocation(),
                    scenario.profile().verify(),
                    Clock.systemUTC());
        }

        /** Handshake, data (one request, several, or a tampered one), close. */
        void single() throws IOException {
            CheckingValidator v = validator();
            String id = "conn-" + UUID.randomUUID();
            Captured captured = scenario.mode() == Mode.TAMPER_FINISHED ? new Captured(id) : null;
            if (scenario.profile().presentCertificate() && trust.clientIdentity() == null) {
                notes.add(
                        "mutual TLS is off in this agent (agent.mtls.enabled): no client certificate to present");
            }
            ClientConnection c =
                    new ClientConnection(id, config(v, null, captured), open(), v, detail);
            try {
                c.handshake(captured == null ? UnaryOperator.identity() : captured::tamperFinished);
                if (scenario.mode() == Mode.TAMPER_FINISHED) {
                    notes.add(
                            captured.tampered
                                    ? "Finished.verify_data altered in its last byte and re-protected under the client handshake key"
                                    : "no Finished record to alter");
                    keys.destroy(id);
                    // TLS 1.3: the client is done after its Finished; the server's verdict (an
                    // alert) comes next. Nothing is written: a write racing the server's close
                    // could turn its alert into a reset.
                    if (!c.engine.isClosed()) {
                        c.readAnswer(b -> true);
                    }
                } else if (c.engine.isHandshakeComplete() && !c.engine.isClosed()) {
                    completed = true;
                    negotiated = negotiated(c);
                    data(c);
                    if (!c.engine.isClosed()) {
                        c.closeGracefully();
                    }
                }
            } catch (IOException e) {
                if (c.alertSent == null && c.alertReceived == null) {
                    throw e;
                }
                notes.add(describe(e));
            } finally {
                finish(c);
            }
        }

        void data(ClientConnection c) throws IOException {
            switch (scenario.mode()) {
                case TAMPER_RECORD -> {
                    c.write(request(0), ScenarioExecutor::flipLastByte);
                    notes.add(
                            "one bit of the protected record's authentication tag flipped on the wire");
                    c.readAnswer(b -> true);
                    completed = false;
                }
                case EXCHANGE -> {
                    for (int i = 0; i < EXCHANGE_MESSAGES; i++) {
                        String token = token(i);
                        long t0 = System.nanoTime();
                        c.write(requestFor(token), UnaryOperator.identity());
                        byte[] answer = c.readAnswer(answerComplete());
                        if (i == 0) {
                            c.phase("first-data", System.nanoTime() - t0);
                        }
                        String text = new String(answer, StandardCharsets.UTF_8);
                        Arrays.fill(answer, (byte) 0);
                        if (!text.contains(token)) {
                            modeOk = false;
                            modeProblem = "echo-mismatch";
                            notes.add("message " + (i + 1) + ": the answer does not echo it");
                            break;
                        }
                    }
                    if (modeOk) {
                        notes.add(EXCHANGE_MESSAGES + " messages echoed and checked");
                    }
                }
                default -> {
                    long t0 = System.nanoTime();
                    c.write(request(0), UnaryOperator.identity());
                    byte[] answer = c.readAnswer(answerComplete());
                    c.phase("first-data", System.nanoTime() - t0);
                    if (answer.length == 0 && !c.engine.isClosed()) {
                        modeOk = false;
                        modeProblem = "no-answer";
                    }
                    Arrays.fill(answer, (byte) 0);
                }
            }
        }

        /** A full handshake, then a second one from its ticket; keys must differ. */
        void resumption() throws IOException {
            CheckingValidator v1 = validator();
            String id1 = "conn-" + UUID.randomUUID();
            ClientConnection first =
                    new ClientConnection(id1, config(v1, null, null), open(), v1, detail);
            ClientSession ticket;
            byte[] exporter1;
            try {
                first.handshake(UnaryOperator.identity());
                if (!first.engine.isHandshakeComplete() || first.engine.isClosed()) {
                    return;
                }
                completed = true;
                negotiated = negotiated(first);
                data(first);
                List<ClientSession> tickets = first.engine.receivedSessions();
                if (tickets.isEmpty()) {
                    modeOk = false;
                    modeProblem = "no-ticket";
                    notes.add("the server sent no NewSessionTicket");
                    first.closeGracefully();
                    return;
                }
                ticket = tickets.get(0);
                exporter1 =
                        keys.hold(
                                id1,
                                first.engine.exportKeyingMaterial(
                                        "EXPORTER-tlsuite-agent", new byte[0], 32));
                first.closeGracefully();
            } finally {
                finish(first);
            }
            CheckingValidator v2 = validator();
            String id2 = "conn-" + UUID.randomUUID();
            // With two replicas, the ticket goes to the one that did not issue it.
            Target other = target.forResumption();
            ClientConnection second =
                    new ClientConnection(id2, config(v2, ticket, null), open(other), v2, detail);
            try {
                completed = false;
                second.handshake(UnaryOperator.identity());
                if (!second.engine.isHandshakeComplete() || second.engine.isClosed()) {
                    return;
                }
                completed = true;
                boolean resumed = second.engine.negotiated().map(n -> n.resumed()).orElse(false);
                byte[] exporter2 =
                        keys.hold(
                                id2,
                                second.engine.exportKeyingMaterial(
                                        "EXPORTER-tlsuite-agent", new byte[0], 32));
                boolean differ = !MessageDigest.isEqual(exporter1, exporter2);
                negotiated.put("resumed", resumed);
                negotiated.put("newKeys", differ);
                negotiated.put("fullHandshakeOn", target.endpoint());
                negotiated.put("resumedOn", other.endpoint());
                if (!resumed) {
                    modeOk = false;
                    modeProblem = "not-resumed";
                    notes.add("the server did not accept the ticket: full handshake instead");
                } else if (!differ) {
                    modeOk = false;
                    modeProblem = "same-keys";
                    notes.add("the resumed session has the same exporter value: keys were reused");
                } else {
                    notes.add(
                            "resumed from a ticket; exporter values of the two sessions differ (new keys)");
                }
                if (other != target) {
                    notes.add(
                            "full handshake with the replica at "
                                    + target.endpoint()
                                    + ", resumed by the other replica at "
                                    + other.endpoint()
                                    + (resumed
                                            ? ", which accepted a ticket it did not issue"
                                            : ""));
                }
                keys.destroy(id1);
                data(second);
                if (!second.engine.isClosed()) {
                    second.closeGracefully();
                }
            } finally {
                keys.destroy(id1);
                finish(second);
            }
        }

        /**
         * Part one: a ClientHello offering only SSL 3.0 to TLS 1.1 (the engine cannot offer them,
         * so it is written here) must get protocol_version. Part two (tcp): the lab's tls10. server
         * answers TLS 1.0 and the agent's engine must refuse it.
         */
        void legacy() throws IOException {
            try (Channel ch = open()) {
                ch.send(LegacyClientHello.record(target.host(), RANDOM));
                byte[] answer = ch.receive();
                byte[] more = ch.pending();
                if (answer == null) {
                    answer = more;
                }
                String alert = LegacyClientHello.alertIn(answer);
                alertReceived = alert;
                legacyServerRefused = "protocol_version".equals(alert);
                notes.add(
                        "offered only TLS 1.1 and older: the server answered "
                                + (alert == null ? "without an alert" : "alert " + alert));
                serverMessages.addAll(ch.serverMessages());
            }
            if (ScenarioCatalog.TCP.equals(target.transport())) {
                CheckingValidator v = validator();
                String id = "conn-" + UUID.randomUUID();
                ClientConnection c =
                        new ClientConnection(id, config(v, null, null), open(), v, detail);
                try {
                    c.handshake(UnaryOperator.identity());
                } catch (IOException e) {
                    notes.add("tls10 server: " + describe(e));
                } finally {
                    legacyAgentRefused = "protocol_version".equals(c.alertSent);
                    notes.add(
                            "the lab's "
                                    + serverName()
                                    + " answered; the agent sent "
                                    + (c.alertSent == null ? "no alert" : "alert " + c.alertSent));
                    String keep = alertReceived;
                    finish(c);
                    alertReceived = keep;
                }
            } else {
                legacyAgentRefused = true;
                notes.add("rest: the TLS 1.0 server part needs the tcp transport; skipped");
            }
        }

        void finish(ClientConnection c) {
            c.close();
            keys.destroy(c.id);
            if (c.alertSent != null) {
                alertSent = c.alertSent;
            }
            if (c.alertReceived != null) {
                alertReceived = c.alertReceived;
            }
            checks.addAll(c.validator.checks());
            if (revocation == null) {
                revocation = c.validator.revocationSource();
            }
            c.phasesMs().forEach((k, v) -> phases.merge(k, v, Double::sum));
            if (c.messages != null) {
                messages.addAll(c.messages);
            }
            serverMessages.addAll(c.channel.serverMessages());
            observer.connection(c.id, c.validator.leaf(), c.validator.checks(), c.appRecords);
        }

        Map<String, Object> negotiated(ClientConnection c) {
            Map<String, Object> n = new LinkedHashMap<>();
            c.engine
                    .negotiated()
                    .ifPresent(
                            x -> {
                                n.put("version", x.version().name());
                                n.put("cipherSuite", x.cipherSuite().name());
                                n.put("group", x.group() == null ? null : x.group().name());
                                n.put("resumed", x.resumed());
                                n.put("helloRetryRequest", x.helloRetryRequest());
                                n.put("serverName", x.serverName().orElse(null));
                                if (!x.peerCertificates().isEmpty()) {
                                    X509Certificate leaf = x.peerCertificates().get(0);
                                    n.put(
                                            "serverCertificate",
                                            leaf.getSubjectX500Principal().getName());
                                    n.put("serverSerial", leaf.getSerialNumber().toString(16));
                                }
                                n.put(
                                        "clientCertificateSent",
                                        scenario.profile().presentCertificate()
                                                && trust.clientIdentity() != null);
                            });
            return n;
        }

        byte[] request(int i) {
            return requestFor(token(i));
        }

        String token(int i) {
            return "agent-"
                    + scenario.name()
                    + "-"
                    + (i + 1)
                    + "-"
                    + Long.toHexString(RANDOM.nextLong());
        }

        byte[] requestFor(String token) {
            if (ScenarioCatalog.REST.equals(target.transport())) {
                return token.getBytes(StandardCharsets.UTF_8);
            }
            return ("GET /echo?msg="
                            + token
                            + " HTTP/1.1\r\nHost: "
                            + serverName()
                            + "\r\nUser-Agent: tlsuite-client-agent\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        Predicate<byte[]> answerComplete() {
            if (ScenarioCatalog.REST.equals(target.transport())) {
                return b -> true;
            }
            return HttpAnswer::complete;
        }

        AttemptResult result() {
            List<String> skipped =
                    checks.stream()
                            .filter(
                                    ch ->
                                            CertificateCheck.SKIPPED.equals(ch.result())
                                                    && !"signature".equals(ch.name()))
                            .map(CertificateCheck::name)
                            .distinct()
                            .toList();
            boolean insecure = !scenario.profile().verify();
            if (insecure) {
                notes.add(
                        "INSECURE: certificate verification is off; skipped checks: "
                                + String.join(", ", skipped));
            }
            String failedCheck =
                    checks.stream()
                            .filter(CertificateCheck::failed)
                            .map(CertificateCheck::name)
                            .findFirst()
                            .orElse(null);
            String outcome;
            if (error != null && alertSent == null && alertReceived == null) {
                outcome = "error";
            } else if (scenario.mode() == Mode.LEGACY) {
                outcome =
                        legacyServerRefused
                                ? "refused-by-server"
                                : alertSent != null ? "refused-by-agent" : "completed";
            } else if (alertSent != null) {
                outcome = "refused-by-agent";
            } else if (alertReceived != null) {
                outcome = "refused-by-server";
            } else if (completed) {
                outcome = "completed";
            } else {
                outcome = "error";
                if (error == null) {
                    error = "the connection ended without a result";
                }
            }
            Expectation ex = scenario.expectation();
            boolean passed;
            String cause = null;
            switch (ex.kind()) {
                case Expectation.SUCCESS ->
                        passed =
                                outcome.equals("completed")
                                        && modeOk
                                        && failedCheck == null
                                        && error == null;
                case Expectation.INSECURE_SUCCESS ->
                        passed =
                                outcome.equals("completed")
                                        && insecure
                                        && !skipped.isEmpty()
                                        && error == null;
                case Expectation.AGENT_REFUSES ->
                        passed =
                                ex.alert().equals(alertSent)
                                        && (ex.check() == null || ex.check().equals(failedCheck));
                default ->
                        passed =
                                scenario.mode() == Mode.LEGACY
                                        ? legacyServerRefused && legacyAgentRefused
                                        : ex.alert().equals(alertReceived);
            }
            if (!passed) {
                if (error != null && !outcome.startsWith("refused")) {
                    cause =
                            error.contains(":")
                                    ? error.substring(0, error.indexOf(':'))
                                            + ": "
                                            + shorten(
                                                    error.substring(error.indexOf(':') + 1).trim())
                                    : error;
                } else if (scenario.mode() == Mode.LEGACY
                        && legacyServerRefused
                        && !legacyAgentRefused) {
                    cause = "tls10-server-accepted";
                } else if (alertSent != null) {
                    cause =
                            "alert-sent: "
                                    + alertSent
                                    + (failedCheck != null ? " (check " + failedCheck + ")" : "");
                } else if (alertReceived != null) {
                    cause = "alert-received: " + alertReceived;
                } else if (outcome.equals("completed") && !modeOk) {
                    cause = modeProblem;
                } else if (outcome.equals("completed")) {
                    cause = "accepted-but-must-fail";
                } else {
                    cause = outcome;
                }
            }
            if (error != null) {
                notes.add(error);
            }
            return new AttemptResult(
                    scenario.name(),
                    target.transport(),
                    target.toString(),
                    passed,
                    outcome,
                    cause,
                    alertSent,
                    alertReceived,
                    failedCheck,
                    insecure,
                    skipped,
                    revocation == null ? CheckingValidator.NONE : revocation,
                    negotiated,
                    List.copyOf(checks),
                    phases,
                    List.copyOf(notes),
                    detail ? messages : List.of(),
                    detail ? serverMessages : List.of());
        }
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) : s;
    }

    static byte[] flipLastByte(byte[] records) {
        byte[] out = records.clone();
        out[out.length - 1] ^= 1;
        return out;
    }

    /**
     * Catches the client handshake traffic secret from the engine's key log, only to re-protect an
     * altered Finished (RFC 8446 §4.4.4 must then fail at the server with decrypt_error). The copy
     * is held in {@link KeyCopies} and zeroised right after.
     */
    private final class Captured implements io.tlsuite.protocol.config.KeyLog {
        final String connection;
        byte[] clientHandshakeSecret;
        boolean tampered;

        Captured(String connection) {
            this.connection = connection;
        }

        @Override
        public void log(String label, byte[] clientRandom, byte[] secret) {
            if ("CLIENT_HANDSHAKE_TRAFFIC_SECRET".equals(label)) {
                clientHandshakeSecret = keys.hold(connection, secret.clone());
            }
        }

        byte[] tamperFinished(byte[] flight) {
            if (clientHandshakeSecret == null) {
                return flight;
            }
            try {
                RecordReader reader = new RecordReader();
                reader.add(flight, 0, flight.length);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                var next = reader.next();
                while (next.isPresent()) {
                    Record r = next.get();
                    if (r.type() == ContentType.APPLICATION_DATA && !tampered) {
                        // The scenario offers only this suite (see ScenarioCatalog).
                        CipherSuite suite = CipherSuite.TLS_AES_128_GCM_SHA256;
                        KeySchedule ks = new KeySchedule(suite, null);
                        RecordProtection open =
                                new RecordProtection(
                                        suite.aead(), ks.trafficKeys(clientHandshakeSecret));
                        Record inner = open.open(r);
                        byte[] content = inner.fragment();
                        content[content.length - 1] ^= 1; // last byte of Finished.verify_data
                        RecordProtection seal =
                                new RecordProtection(
                                        suite.aead(), ks.trafficKeys(clientHandshakeSecret));
                        out.writeBytes(
                                seal.seal(ContentType.HANDSHAKE, content, 0, content.length, 0));
                        Arrays.fill(content, (byte) 0);
                        open.destroy();
                        seal.destroy();
                        tampered = true;
                    } else {
                        out.writeBytes(r.encode());
                    }
                    next = reader.next();
                }
                return out.toByteArray();
            } catch (Exception e) {
                return flight;
            } finally {
                keys.destroy(connection);
                clientHandshakeSecret = null;
            }
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
