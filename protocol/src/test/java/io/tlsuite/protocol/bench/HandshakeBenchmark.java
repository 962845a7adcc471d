package io.tlsuite.protocol.bench;

import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.config.TlsListener;
import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.crypto.CryptoBackend;
import io.tlsuite.protocol.crypto.CryptoBackends;
import io.tlsuite.protocol.crypto.HashAlgorithm;
import io.tlsuite.protocol.crypto.KeyExchange;
import io.tlsuite.protocol.crypto.KeySchedule;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.crypto.SignatureScheme;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.crypto.TrafficKeys;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.HandshakeType;
import io.tlsuite.protocol.record.ContentType;
import io.tlsuite.protocol.record.Record;
import io.tlsuite.protocol.record.RecordProtection;
import io.tlsuite.protocol.resumption.ClientSession;
import io.tlsuite.protocol.resumption.InMemoryTicketStore;
import io.tlsuite.protocol.testing.JdkPeer;
import io.tlsuite.protocol.testing.Pump;
import io.tlsuite.protocol.testing.TestPki;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Full and resumed handshakes per second (client and server both in the measured thread, in
 * memory), bulk AEAD throughput, and the crypto-only cost of one handshake, each beside the JDK's
 * SSLEngine doing the same work. Run: see protocol/README.md, "Benchmarks".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HandshakeBenchmark {
    static final int BULK = 16 * 1024;

    TlsConfig clientEc;
    TlsConfig serverEc;
    TlsConfig serverEd;
    TlsConfig serverTickets;
    ClientSession session;
    SSLContext jdkServerEc;
    SSLContext jdkServerEd;
    SSLContext jdkClient;
    SSLContext jdkClientResuming;
    SSLContext jdkServerResuming;
    SSLContext jdkServerRsa;
    TlsConfig client12Ecdsa;
    TlsConfig client12Rsa;
    TlsConfig server12;
    static final String[] TLS12 = {"TLSv1.2"};
    TlsEngine bulkClient;
    TlsEngine bulkServer;
    JdkPeer jdkBulkClient;
    JdkPeer jdkBulkServer;
    byte[] payload = new byte[BULK];
    KeyExchange fixedPeer;
    byte[] cvContent = SignatureScheme.certificateVerifyContent(true, new byte[32]);
    byte[] cvSignature;
    SecureRandom random = new SecureRandom();
    int port;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        TestPki pki = TestPki.Shared.PKI;
        clientEc =
                TlsConfig.builder()
                        .serverName("localhost")
                        .cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256)
                        .certificateValidator(
                                new PkixCertificateValidator(TrustStore.of(pki.root())))
                        .build();
        serverEc =
                TlsConfig.builder()
                        .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                        .build();
        serverEd =
                TlsConfig.builder()
                        .certificate(TestPki.Shared.ED.chain(), TestPki.Shared.ED.key())
                        .build();
        serverTickets =
                serverEc.toBuilder()
                        .ticketStore(new InMemoryTicketStore())
                        .ticketsToSend(1)
                        .build();
        jdkServerEc = JdkPeer.context(TestPki.Shared.EC, pki.root());
        jdkServerEd = JdkPeer.context(TestPki.Shared.ED, pki.root());
        jdkClient = JdkPeer.context(null, pki.root());
        jdkClientResuming = JdkPeer.context(null, pki.root());
        jdkServerResuming = JdkPeer.context(TestPki.Shared.EC, pki.root());
        jdkPair(jdkClientResuming, jdkServerResuming, 9443); // primes the JDK's session cache
        jdkServerRsa = JdkPeer.context(TestPki.Shared.RSA, pki.root());
        client12Ecdsa =
                clientEc.toBuilder()
                        .versions(io.tlsuite.protocol.codec.ProtocolVersion.TLS_1_2)
                        .tls12CipherSuites(Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)
                        .build();
        client12Rsa =
                client12Ecdsa.toBuilder()
                        .tls12CipherSuites(Tls12CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256)
                        .build();
        // The handshake service's shape: an ECDSA P-256 and an RSA-2048 identity.
        server12 =
                serverEc.toBuilder()
                        .addCertificate(TestPki.Shared.RSA.chain(), TestPki.Shared.RSA.key())
                        .build();

        bulkClient = TlsEngine.client(clientEc);
        bulkServer = TlsEngine.server(serverEc);
        Pump.handshake(bulkClient, bulkServer);
        jdkBulkClient = JdkPeer.client(jdkClient, "localhost", 1, "TLS_AES_128_GCM_SHA256");
        jdkBulkServer = JdkPeer.server(jdkServerEc, false);
        converse(jdkBulkClient, jdkBulkServer);
        random.nextBytes(payload);
        fixedPeer = NamedGroup.X25519.generate(random);
        cvSignature =
                SignatureScheme.ECDSA_SECP256R1_SHA256.sign(
                        TestPki.Shared.EC.key(), cvContent, random);
        captureHandshakeShape();
    }

    /** Handshake messages of one real full handshake, in transcript order. */
    byte[][] transcriptMessages;

    /**
     * The server's encrypted flight (EncryptedExtensions to Finished) and the client's Finished.
     */
    byte[] serverFlight;

    byte[] clientFlight;

    private void captureHandshakeShape() {
        java.util.List<byte[]> messages = new java.util.ArrayList<>();
        java.io.ByteArrayOutputStream server = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream client = new java.io.ByteArrayOutputStream();
        TlsListener serverSide =
                new TlsListener() {
                    @Override
                    public void handshakeMessage(
                            Direction direction, HandshakeMessage message, byte[] raw) {
                        messages.add(raw);
                        boolean encrypted =
                                message.handshakeType() != HandshakeType.CLIENT_HELLO
                                        && message.handshakeType() != HandshakeType.SERVER_HELLO;
                        if (encrypted) {
                            (direction == Direction.SENT ? server : client).writeBytes(raw);
                        }
                    }
                };
        TlsEngine c = TlsEngine.client(clientEc);
        Pump.handshake(c, TlsEngine.server(serverEc.toBuilder().listener(serverSide).build()));
        transcriptMessages = messages.toArray(new byte[0][]);
        serverFlight = server.toByteArray();
        clientFlight = client.toByteArray();
    }

    private ClientSession freshSession() {
        TlsEngine c = TlsEngine.client(clientEc);
        Pump.handshake(c, TlsEngine.server(serverTickets));
        return c.receivedSessions().get(0);
    }

    static void converse(JdkPeer client, JdkPeer server) {
        byte[] toServer = client.step(new byte[0]);
        byte[] toClient = new byte[0];
        for (int i = 0; i < 20 && (toServer.length > 0 || toClient.length > 0); i++) {
            toClient = server.step(toServer);
            toServer = client.step(toClient);
        }
    }

    static JdkPeer jdkPair(SSLContext clientCtx, SSLContext serverCtx, int port) {
        JdkPeer c = JdkPeer.client(clientCtx, "localhost", port, "TLS_AES_128_GCM_SHA256");
        JdkPeer s = JdkPeer.server(serverCtx, false);
        converse(c, s);
        if (!c.engine().getSession().isValid()) {
            throw new IllegalStateException("JDK handshake failed");
        }
        return c;
    }

    @Benchmark
    public boolean fullHandshakeX25519EcdsaOurs() {
        TlsEngine c = TlsEngine.client(clientEc);
        Pump.handshake(c, TlsEngine.server(serverEc));
        return c.isHandshakeComplete();
    }

    /**
     * The same handshake with every public-key operation from the JDK (the engine before issue 23).
     */
    @Benchmark
    public boolean fullHandshakeX25519EcdsaOursJdkCrypto() {
        return withBackend(CryptoBackends.jdk(), this::fullHandshakeX25519EcdsaOurs);
    }

    /** Runs {@code op} with {@code backend} active, then restores the previous one. */
    static boolean withBackend(CryptoBackend backend, java.util.function.BooleanSupplier op) {
        CryptoBackend before = CryptoBackends.active();
        CryptoBackends.use(backend);
        try {
            return op.getAsBoolean();
        } finally {
            CryptoBackends.use(before);
        }
    }

    @Benchmark
    public boolean fullHandshakeX25519EcdsaJdk() {
        // A new port each time keeps the JDK client from resuming.
        return jdkPair(jdkClient, jdkServerEc, ++port).engine().getSession().isValid();
    }

    @Benchmark
    public boolean fullHandshakeX25519Ed25519Ours() {
        TlsEngine c = TlsEngine.client(clientEc);
        Pump.handshake(c, TlsEngine.server(serverEd));
        return c.isHandshakeComplete();
    }

    @Benchmark
    public boolean fullHandshakeX25519Ed25519Jdk() {
        return jdkPair(jdkClient, jdkServerEd, ++port).engine().getSession().isValid();
    }

    /** TLS 1.2 full handshake, ECDHE (X25519) with an ECDSA P-256 certificate, AES-128-GCM. */
    @Benchmark
    public boolean tls12FullHandshakeEcdheEcdsaOurs() {
        TlsEngine c = TlsEngine.client(client12Ecdsa);
        Pump.handshake(c, TlsEngine.server(server12));
        return c.isHandshakeComplete();
    }

    @Benchmark
    public boolean tls12FullHandshakeEcdheEcdsaJdk() {
        return jdkPair12(jdkClient, jdkServerEc, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", ++port);
    }

    /** TLS 1.2 full handshake, RSA-2048 key transport (TLS_RSA_WITH_AES_128_GCM_SHA256). */
    @Benchmark
    public boolean tls12FullHandshakeRsa2048Ours() {
        TlsEngine c = TlsEngine.client(client12Rsa);
        Pump.handshake(c, TlsEngine.server(server12));
        return c.isHandshakeComplete();
    }

    @Benchmark
    public boolean tls12FullHandshakeRsa2048Jdk() {
        return jdkPair12(jdkClient, jdkServerRsa, "TLS_RSA_WITH_AES_128_GCM_SHA256", ++port);
    }

    static boolean jdkPair12(SSLContext clientCtx, SSLContext serverCtx, String suite, int port) {
        JdkPeer c = JdkPeer.client(clientCtx, TLS12, "localhost", port, suite);
        JdkPeer s = JdkPeer.server(serverCtx, TLS12, false);
        converse(c, s);
        if (!c.engine().getSession().isValid()
                || !c.engine().getSession().getProtocol().equals("TLSv1.2")) {
            throw new IllegalStateException("JDK TLS 1.2 handshake failed");
        }
        return true;
    }

    /** One ticket per resumption (tickets are single use): the first handshake is not measured. */
    @State(Scope.Thread)
    public static class Ticket {
        ClientSession session;

        @Setup(Level.Invocation)
        public void next(HandshakeBenchmark b) {
            session = b.freshSession();
        }
    }

    @Benchmark
    public boolean resumedHandshakeOurs(Ticket ticket) {
        TlsEngine c = TlsEngine.client(clientEc.toBuilder().resumeSession(ticket.session).build());
        Pump.handshake(c, TlsEngine.server(serverTickets));
        return c.negotiated().orElseThrow().resumed();
    }

    /**
     * For {@link InterleavedComparison}: a resumption that keeps the new ticket for the next one.
     */
    int resumedOursChained() {
        ClientSession s = pendingSession != null ? pendingSession : freshSession();
        TlsEngine c = TlsEngine.client(clientEc.toBuilder().resumeSession(s).build());
        TlsEngine server = TlsEngine.server(serverTickets);
        Pump.handshake(c, server);
        pendingSession = c.receivedSessions().isEmpty() ? null : c.receivedSessions().get(0);
        return c.negotiated().orElseThrow().resumed() ? 1 : 0;
    }

    ClientSession pendingSession;

    @Benchmark
    public boolean resumedHandshakeJdk() {
        return jdkPair(jdkClientResuming, jdkServerResuming, 9443).engine().getSession().isValid();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int bulkAes128Gcm16kOurs() {
        EngineOutput o = bulkServer.feed(bulkClient.write(payload).outbound());
        return o.applicationData().size();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int bulkAes128Gcm16kJdk() {
        jdkBulkClient.send(payload);
        jdkBulkServer.step(jdkBulkClient.step(new byte[0]));
        int n = jdkBulkServer.received().length;
        jdkBulkServer.clearReceived();
        return n;
    }

    /**
     * The cryptography one full handshake needs on both sides, without any protocol around it, with
     * the active backend: two X25519 key pairs and agreements, one ECDSA signature and its
     * verification, and the client's check of the leaf certificate's signature (the JDK's, as in
     * the PKIX validator).
     */
    @Benchmark
    public void cryptoOnlyOfOneHandshake(Blackhole bh) throws Exception {
        KeyExchange c = NamedGroup.X25519.generate(random);
        KeyExchange s = NamedGroup.X25519.generate(random);
        bh.consume(c.agree(s.publicKey()));
        bh.consume(s.agree(c.publicKey()));
        bh.consume(
                SignatureScheme.ECDSA_SECP256R1_SHA256.sign(
                        TestPki.Shared.EC.key(), cvContent, random));
        bh.consume(
                SignatureScheme.ECDSA_SECP256R1_SHA256.verify(
                        TestPki.Shared.EC.leaf().getPublicKey(), cvContent, cvSignature));
        // The client also checks the certificate's signature (PKIX).
        TestPki.Shared.EC.leaf().verify(TestPki.Shared.PKI.root().getPublicKey());
    }

    /**
     * The crypto-only cost counted the way the issue 23 brief lists it: {@link
     * #cryptoOnlyOfOneHandshake} (public-key operations and the certificate signature) plus the
     * symmetric cryptography the same handshake does on both sides, with the engine's own
     * primitives and nothing else: the TLS 1.3 key schedule (HKDF extracts and expansions, the four
     * Finished MACs), the transcript hash of the same messages (one running SHA-256 per side and
     * its five snapshots), the eight record keys (AES-128-GCM) and the sealing and opening of the
     * two encrypted flights, with the message sizes of a real handshake of this benchmark.
     */
    @Benchmark
    public void cryptoOnlyWithSymmetricOfOneHandshake(Blackhole bh) throws Exception {
        cryptoOnlyOfOneHandshake(bh);
        byte[] shared = new byte[32];
        random.nextBytes(shared);
        RecordProtection[] writes = new RecordProtection[2];
        RecordProtection[] reads = new RecordProtection[2];
        for (int side = 0; side < 2; side++) {
            java.security.MessageDigest md = HashAlgorithm.SHA256.newDigest();
            byte[][] snapshots = new byte[5][];
            int snapshot = 0;
            for (int i = 0; i < transcriptMessages.length; i++) {
                md.update(transcriptMessages[i]);
                if (i == 1 || i >= transcriptMessages.length - 4) {
                    snapshots[snapshot++] = ((java.security.MessageDigest) md.clone()).digest();
                }
            }
            KeySchedule ks = new KeySchedule(CipherSuite.TLS_AES_128_GCM_SHA256, null);
            ks.deriveHandshakeSecret(shared);
            byte[] chs = ks.clientHandshakeTrafficSecret(snapshots[0]);
            byte[] shs = ks.serverHandshakeTrafficSecret(snapshots[0]);
            RecordProtection hsWrite = protection(ks, side == 0 ? chs : shs);
            RecordProtection hsRead = protection(ks, side == 0 ? shs : chs);
            bh.consume(ks.verifyData(shs, snapshots[2]));
            bh.consume(ks.verifyData(chs, snapshots[3]));
            ks.deriveMasterSecret();
            byte[] cap = ks.clientApplicationTrafficSecret(snapshots[3]);
            byte[] sap = ks.serverApplicationTrafficSecret(snapshots[3]);
            bh.consume(ks.exporterMasterSecret(snapshots[3]));
            bh.consume(ks.resumptionMasterSecret(snapshots[4]));
            bh.consume(protection(ks, cap));
            bh.consume(protection(ks, sap));
            writes[side] = hsWrite;
            reads[side] = hsRead;
            ks.destroy();
        }
        // The client (side 0) seals its Finished and the server opens it; the server's encrypted
        // flight the other way.
        for (int side = 0; side < 2; side++) {
            byte[] flight = side == 0 ? clientFlight : serverFlight;
            byte[] sealed = writes[side].seal(ContentType.HANDSHAKE, flight, 0, flight.length, 0);
            bh.consume(
                    reads[1 - side].open(
                            new Record(
                                    ContentType.APPLICATION_DATA,
                                    0x0303,
                                    java.util.Arrays.copyOfRange(sealed, 5, sealed.length))));
        }
    }

    private static RecordProtection protection(KeySchedule ks, byte[] secret) {
        TrafficKeys keys = ks.trafficKeys(secret);
        RecordProtection p = new RecordProtection(CipherSuite.TLS_AES_128_GCM_SHA256.aead(), keys);
        keys.destroy();
        return p;
    }

    /** The crypto-only cost with the JDK backend (the engine before issue 23). */
    @Benchmark
    public void cryptoOnlyOfOneHandshakeJdkCrypto(Blackhole bh) {
        withBackend(
                CryptoBackends.jdk(),
                () -> {
                    try {
                        cryptoOnlyOfOneHandshake(bh);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return true;
                });
    }

    public static void main(String[] args) throws Exception {
        new Runner(
                        new OptionsBuilder()
                                .include(
                                        HandshakeBenchmark.class.getSimpleName()
                                                + (args.length > 0 ? "." + args[0] : ""))
                                .forks(1)
                                .warmupIterations(2)
                                .warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
                                .measurementIterations(3)
                                .measurementTime(
                                        org.openjdk.jmh.runner.options.TimeValue.seconds(3))
                                .build())
                .run();
    }
}
