package io.tlsuite.protocol.handshake.server;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.CertifiedKey;
import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.crypto.KeyExchange;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.crypto.SignatureScheme;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.crypto.Tls12CipherSuite.KeyExchangeAlgorithm;
import io.tlsuite.protocol.handshake.Connected12;
import io.tlsuite.protocol.handshake.Expect;
import io.tlsuite.protocol.handshake.Expect12;
import io.tlsuite.protocol.handshake.ExpectChangeCipherSpec;
import io.tlsuite.protocol.handshake.HandshakeContext;
import io.tlsuite.protocol.handshake.Handshakes;
import io.tlsuite.protocol.handshake.State;
import io.tlsuite.protocol.handshake.SuspendableState;
import io.tlsuite.protocol.handshake.Tls12Handshakes;
import io.tlsuite.protocol.message.Extension;
import io.tlsuite.protocol.message.ExtensionType;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.HandshakeMessage.CertificateVerify;
import io.tlsuite.protocol.message.HandshakeMessage.ClientHello;
import io.tlsuite.protocol.message.HandshakeMessage.Finished;
import io.tlsuite.protocol.message.HandshakeMessage.ServerHello;
import io.tlsuite.protocol.message.Tls12HandshakeMessage;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.Certificate12;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.ClientKeyExchangeEcdhe;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.ClientKeyExchangeRsa;
import io.tlsuite.protocol.resumption.ResumptionState;
import io.tlsuite.protocol.resumption.TicketStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The TLS 1.2 server state machine (RFC 5246 §7.3), entered from {@link
 * ServerHandshake#negotiateVersion} when the client offers no TLS 1.3 we accept:
 *
 * <pre>
 * ClientHello -> (ServerHello, Certificate, [CertificateStatus], [ServerKeyExchange], [CertificateRequest], ServerHelloDone)
 *   -> [ExpectClientCertificate] -> ExpectClientKeyExchange -> [ExpectClientCertificateVerify]
 *   -> ExpectChangeCipherSpec -> ExpectClientFinished -> (ChangeCipherSpec, Finished) -> Connected
 * </pre>
 *
 * Extended master secret (RFC 7627) and secure renegotiation signalling (RFC 5746) are used when
 * the client offers them and required only when configured ({@code
 * TlsConfig.requireExtendedMasterSecret}, {@code requireSecureRenegotiation}); a session without
 * the extended master secret is never resumed (RFC 7627 §5.3). Only AEAD suites exist.
 */
public final class Tls12ServerHandshake {
    private Tls12ServerHandshake() {}

    /** What the server chose for this ClientHello. */
    record Choice(Tls12CipherSuite suite, NamedGroup group, CertifiedKey identity) {}

    static State respond(HandshakeContext ctx, ClientHello ch, byte[] raw)
            throws TlsAlertException {
        ctx.version = ProtocolVersion.TLS_1_2;
        checkClientHello(ctx, ch);
        List<Integer> peerSchemes =
                Extension.find(ch.extensions(), Extension.SignatureAlgorithms.class)
                        .map(Extension.SignatureAlgorithms::schemes)
                        .orElse(List.of());
        TicketStore store = ctx.config.ticketStore();
        Optional<byte[]> ticketExtension =
                Tls12Handshakes.extension(ch.extensions(), ExtensionType.SESSION_TICKET);
        // RFC 5077 §3.2: a ticket is issued only to a client that sent the extension.
        // RFC 7627 §5.3: sessions without the extended master secret are neither stored nor
        // resumed; a client without it always gets a full handshake.
        boolean issueTicket =
                store != null
                        && ctx.config.tls12SessionTickets()
                        && ticketExtension.isPresent()
                        && ctx.tls12ExtendedMasterSecret;
        Optional<ResumptionState> session =
                ctx.tls12ExtendedMasterSecret
                        ? findSession(ctx, ch, ticketExtension)
                        : Optional.empty();
        if (session.isPresent()) {
            return resume(ctx, ch, raw, session.get(), issueTicket);
        }
        Choice choice = choose(ctx, ch, peerSchemes);
        ServerHandshake.negotiateAlpnAndSni(ctx, ch);
        ctx.tls12Suite = choice.suite();
        ctx.group = choice.group();
        ctx.identity = choice.identity();
        ctx.clientRandom = ch.random().clone();
        ctx.serverRandom = serverRandom(ctx);
        ctx.transcript.startHash(choice.suite().hash());
        ctx.transcript.add(raw);

        List<Extension> ext = new ArrayList<>();
        addRenegotiationInfoAndEms(ctx, ext);
        // RFC 6066 §8: an empty status_request in the ServerHello announces a CertificateStatus.
        byte[] stapled = Stapling.responseFor(ctx, ch, choice.identity());
        if (stapled != null) {
            ext.add(Tls12Handshakes.extension(ExtensionType.STATUS_REQUEST, new byte[0]));
        }
        if (choice.group() != null
                && Tls12Handshakes.extension(ch.extensions(), ExtensionType.EC_POINT_FORMATS)
                        .isPresent()) {
            // RFC 8422 §5.2: uncompressed points only.
            ext.add(Tls12Handshakes.extension(ExtensionType.EC_POINT_FORMATS, new byte[] {1, 0}));
        }
        if (ctx.alpn != null) {
            ext.add(new Extension.Alpn(List.of(ctx.alpn)));
        }
        if (issueTicket) {
            ext.add(Tls12Handshakes.extension(ExtensionType.SESSION_TICKET, new byte[0]));
        }
        // A session id when no ticket is issued (RFC 5077 §3.4 lets a ticket come without one),
        // so that each session is stored, and redeemed, exactly once.
        byte[] sessionId =
                new byte
                        [store != null
                                        && !issueTicket
                                        && store.supportsSessionIds()
                                        && ctx.tls12ExtendedMasterSecret
                                ? 32
                                : 0];
        ctx.config.random().nextBytes(sessionId);
        ctx.send(
                new ServerHello(
                        0x0303,
                        ctx.serverRandom.clone(),
                        sessionId,
                        choice.suite().code(),
                        0,
                        ext));
        ctx.send(Tls12Handshakes.certificateMessage(choice.identity().chain()));
        if (stapled != null) {
            ctx.send(
                    new HandshakeMessage.Tls12(
                            new Tls12HandshakeMessage.CertificateStatus12(stapled)));
        }
        KeyExchange kx = null;
        if (choice.group() != null) {
            kx = choice.group().generate(ctx.config.random());
            ctx.send(serverKeyExchange(ctx, choice, kx, peerSchemes));
        }
        boolean requestCertificate = ctx.config.clientAuth() != ClientAuth.NONE;
        if (requestCertificate) {
            // RFC 5246 §7.4.4: ecdsa_sign(64), rsa_sign(1); no CA names (any from our trust).
            ctx.send(
                    new HandshakeMessage.Tls12(
                            new Tls12HandshakeMessage.CertificateRequest12(
                                    List.of(64, 1), Tls12Handshakes.ourSchemes(ctx), List.of())));
        }
        ctx.send(new HandshakeMessage.Tls12(new Tls12HandshakeMessage.ServerHelloDone()));
        KeyAgreement agreement =
                new KeyAgreement(kx, ch.legacyVersion(), new Issue(sessionId, issueTicket));
        return requestCertificate
                ? new ExpectClientCertificate(agreement)
                : new ExpectClientKeyExchange(agreement, null);
    }

    /**
     * RFC 5746, RFC 7627, RFC 8422 §5.1.2: what a TLS 1.2 ClientHello must carry for us. Notes in
     * {@code ctx} whether the client offers the extended master secret and signals secure
     * renegotiation; refuses their absence only when configured to.
     */
    private static void checkClientHello(HandshakeContext ctx, ClientHello ch)
            throws TlsAlertException {
        boolean nullCompression = false;
        for (byte b : ch.legacyCompressionMethods()) {
            nullCompression |= b == 0;
        }
        if (!nullCompression) {
            throw TlsAlertException.illegalParameter("the null compression method is not offered");
        }
        Optional<byte[]> ri =
                Tls12Handshakes.extension(ch.extensions(), ExtensionType.RENEGOTIATION_INFO);
        if (ri.isPresent() && !Arrays.equals(ri.get(), Tls12Handshakes.EMPTY_RENEGOTIATION_INFO)) {
            // RFC 5746 §3.6: an initial handshake carries an empty renegotiated_connection.
            throw new TlsAlertException(
                    AlertDescription.HANDSHAKE_FAILURE, "renegotiation_info is not empty");
        }
        ctx.tls12SecureRenegotiation =
                ri.isPresent() || ch.cipherSuites().contains(Tls12Handshakes.RENEGOTIATION_SCSV);
        if (!ctx.tls12SecureRenegotiation && ctx.config.requireSecureRenegotiation()) {
            throw new TlsAlertException(
                    AlertDescription.HANDSHAKE_FAILURE,
                    "client signals no secure renegotiation (RFC 5746)");
        }
        Optional<byte[]> ems =
                Tls12Handshakes.extension(ch.extensions(), ExtensionType.EXTENDED_MASTER_SECRET);
        if (ems.isPresent() && ems.get().length != 0) {
            throw TlsAlertException.decodeError("extended_master_secret must be empty");
        }
        ctx.tls12ExtendedMasterSecret = ems.isPresent();
        if (!ctx.tls12ExtendedMasterSecret && ctx.config.requireExtendedMasterSecret()) {
            // RFC 7627 §5.3: a server may refuse a full handshake without it.
            throw new TlsAlertException(
                    AlertDescription.HANDSHAKE_FAILURE,
                    "client does not offer extended_master_secret (RFC 7627)");
        }
        Optional<byte[]> formats =
                Tls12Handshakes.extension(ch.extensions(), ExtensionType.EC_POINT_FORMATS);
        if (formats.isPresent()) {
            byte[] f = formats.get();
            boolean uncompressed = false;
            for (int i = 1; i < f.length; i++) {
                uncompressed |= f[i] == 0;
            }
            if (f.length == 0 || (f[0] & 0xff) != f.length - 1 || !uncompressed) {
                throw TlsAlertException.illegalParameter("ec_point_formats without uncompressed");
            }
        }
    }

    /**
     * RFC 5746 §3.6 and RFC 7627 §5.1: our renegotiation_info and extended_master_secret answer
     * only a client that signalled them.
     */
    private static void addRenegotiationInfoAndEms(HandshakeContext ctx, List<Extension> ext) {
        if (ctx.tls12SecureRenegotiation) {
            ext.add(
                    Tls12Handshakes.extension(
                            ExtensionType.RENEGOTIATION_INFO,
                            Tls12Handshakes.EMPTY_RENEGOTIATION_INFO));
        }
        if (ctx.tls12ExtendedMasterSecret) {
            ext.add(Tls12Handshakes.extension(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]));
        }
    }

    /**
     * Our first suite the client offers for which we hold a fitting identity and, for ECDHE, share
     * a group. None: handshake_failure (e.g. a client offering only CBC suites).
     */
    private static Choice choose(HandshakeContext ctx, ClientHello ch, List<Integer> peerSchemes)
            throws TlsAlertException {
        List<Integer> peerGroups =
                Extension.find(ch.extensions(), Extension.SupportedGroups.class)
                        .map(Extension.SupportedGroups::groups)
                        .orElse(null);
        NamedGroup group = null;
        for (NamedGroup g : ctx.config.groups()) {
            // RFC 8422: the ECDHE suites take elliptic curves only (no DHE suites here).
            if (g.isEcdhe() && peerGroups != null && peerGroups.contains(g.code())) {
                group = g;
                break;
            }
        }
        for (Tls12CipherSuite s : ctx.config.tls12CipherSuites()) {
            if (!ch.cipherSuites().contains(s.code())) {
                continue;
            }
            boolean ecdhe = s.keyExchange() != KeyExchangeAlgorithm.RSA;
            if (ecdhe && group == null) {
                continue;
            }
            Optional<CertifiedKey> id =
                    IdentitySelection.forTls12(ctx.config, s, peerSchemes, peerGroups);
            if (id.isPresent()) {
                return new Choice(s, ecdhe ? group : null, id.get());
            }
        }
        throw new TlsAlertException(
                AlertDescription.HANDSHAKE_FAILURE,
                "no common TLS 1.2 cipher suite (AEAD only) with a fitting certificate");
    }

    /** RFC 8446 §4.1.3: a server that could do TLS 1.3 marks a TLS 1.2 ServerHello.random. */
    private static byte[] serverRandom(HandshakeContext ctx) {
        byte[] random = new byte[32];
        ctx.config.random().nextBytes(random);
        if (ctx.config.enables(ProtocolVersion.TLS_1_3)) {
            System.arraycopy(Tls12Handshakes.DOWNGRADE_TLS12, 0, random, 24, 8);
        }
        return random;
    }

    /** RFC 8422 §5.4: our ephemeral point, signed with the chosen identity. */
    private static HandshakeMessage serverKeyExchange(
            HandshakeContext ctx, Choice choice, KeyExchange kx, List<Integer> peerSchemes)
            throws TlsAlertException {
        SignatureScheme scheme =
                SignatureScheme.select(
                                choice.identity().privateKey(),
                                IdentitySelection.usableSchemes(ctx.config, peerSchemes),
                                false)
                        .orElseThrow(
                                () ->
                                        new TlsAlertException(
                                                AlertDescription.HANDSHAKE_FAILURE,
                                                "no signature scheme for our certificate"));
        Tls12HandshakeMessage.ServerKeyExchangeEcdhe unsigned =
                new Tls12HandshakeMessage.ServerKeyExchangeEcdhe(
                        choice.group().code(), kx.publicKey(), scheme.code(), new byte[0]);
        byte[] signature =
                scheme.sign(
                        choice.identity().privateKey(),
                        unsigned.signedContent(ctx.clientRandom, ctx.serverRandom),
                        ctx.config.random());
        return new HandshakeMessage.Tls12(
                new Tls12HandshakeMessage.ServerKeyExchangeEcdhe(
                        choice.group().code(), kx.publicKey(), scheme.code(), signature));
    }

    /**
     * The server's half of the key exchange: its ephemeral key (ECDHE) or, for RSA key transport,
     * the version the client offered (RFC 5246 §7.4.7.1).
     */
    record KeyAgreement(KeyExchange ephemeral, int clientVersion, Issue issue) {
        /**
         * RSA key transport cannot move before the ClientKeyExchange: decrypting the pre-master
         * secret needs the private key of the certificate this engine sent, and another engine
         * (another replica) holds other keys. An ECDHE handshake moves with its ephemeral key.
         */
        void requireMovable() {
            if (ephemeral == null) {
                throw new IllegalStateException(
                        "RSA key transport: the pre-master secret can only be decrypted with the"
                                + " key of the certificate this engine sent");
            }
        }

        /** For a suspended handshake: holds the ephemeral private key. */
        byte[] encode() {
            io.tlsuite.protocol.codec.ByteWriter w = new io.tlsuite.protocol.codec.ByteWriter(256);
            w.u16(ephemeral == null ? 0 : ephemeral.group().code());
            w.vector16(ephemeral == null ? new byte[0] : ephemeral.exportPrivateKey());
            w.vector8(ephemeral == null ? new byte[0] : ephemeral.publicKey());
            w.u16(clientVersion).vector8(issue.sessionId()).u8(issue.ticket() ? 1 : 0);
            return w.toByteArray();
        }

        static KeyAgreement decode(byte[] b) throws TlsAlertException {
            io.tlsuite.protocol.codec.ByteReader r = new io.tlsuite.protocol.codec.ByteReader(b);
            int group = r.u16();
            byte[] priv = r.vector16();
            byte[] pub = r.vector8();
            KeyExchange kx =
                    group == 0 ? null : NamedGroup.of(group).orElseThrow().restore(priv, pub);
            java.util.Arrays.fill(priv, (byte) 0);
            int version = r.u16();
            byte[] sessionId = r.vector8();
            boolean ticket = r.u8() == 1;
            return new KeyAgreement(kx, version, new Issue(sessionId, ticket));
        }
    }

    /** Rebuilds a suspended TLS 1.2 server state ({@link SuspendableState#kind()}). */
    public static State resume(int kind, byte[] parameters) throws TlsAlertException {
        return switch (kind) {
            case SuspendableState.TLS12_SERVER_EXPECT_CLIENT_CERTIFICATE ->
                    new ExpectClientCertificate(KeyAgreement.decode(parameters));
            case SuspendableState.TLS12_SERVER_EXPECT_CLIENT_KEY_EXCHANGE ->
                    new ExpectClientKeyExchange(KeyAgreement.decode(parameters), null);
            case SuspendableState.TLS12_SERVER_EXPECT_RESUMED_CLIENT_FINISHED ->
                    new ExpectResumedChangeCipherSpec();
            case SuspendableState.TLS12_CONNECTED -> new Connected12();
            default -> throw new IllegalArgumentException("not a TLS 1.2 server state: " + kind);
        };
    }

    /** After the abbreviated server flight: the client's change_cipher_spec, then its Finished. */
    static final class ExpectResumedChangeCipherSpec extends ExpectChangeCipherSpec
            implements SuspendableState {
        ExpectResumedChangeCipherSpec() {
            super("ExpectChangeCipherSpec", new ExpectClientFinishedResumed());
        }

        @Override
        public int kind() {
            return TLS12_SERVER_EXPECT_RESUMED_CLIENT_FINISHED;
        }
    }

    /** What to hand out for resumption once the handshake completes. */
    record Issue(byte[] sessionId, boolean ticket) {}

    /**
     * A resumable TLS 1.2 session: by the client's ticket (RFC 5077 §3.1), else by its session id
     * (RFC 5246 §7.4.1.2), both looked up (and consumed) through the {@link TicketStore}. Only a
     * TLS 1.2 state of a suite we enable and the client offers qualifies.
     */
    private static Optional<ResumptionState> findSession(
            HandshakeContext ctx, ClientHello ch, Optional<byte[]> ticketExtension) {
        TicketStore store = ctx.config.ticketStore();
        if (store == null) {
            return Optional.empty();
        }
        List<byte[]> handles = new ArrayList<>();
        ticketExtension.filter(t -> t.length > 0).ifPresent(handles::add);
        if (ch.legacySessionId().length > 0) {
            handles.add(ch.legacySessionId());
        }
        for (byte[] handle : handles) {
            Optional<ResumptionState> s = store.redeem(handle);
            if (s.isPresent()
                    && s.get().cipherSuite() instanceof Tls12CipherSuite suite
                    && ctx.config.tls12CipherSuites().contains(suite)
                    && ch.cipherSuites().contains(suite.code())
                    && !s.get().isExpired(ctx.config.clock().instant())) {
                return s;
            }
        }
        return Optional.empty();
    }

    /**
     * The abbreviated handshake (RFC 5246 §7.3, RFC 5077 §3.1): ServerHello echoing the client's
     * session id, [NewSessionTicket], change_cipher_spec, Finished; keys from the session's
     * (extended) master secret and the new randoms.
     */
    private static State resume(
            HandshakeContext ctx,
            ClientHello ch,
            byte[] raw,
            ResumptionState session,
            boolean issueTicket)
            throws TlsAlertException {
        Tls12CipherSuite suite = (Tls12CipherSuite) session.cipherSuite();
        ServerHandshake.negotiateAlpnAndSni(ctx, ch);
        ctx.tls12Suite = suite;
        ctx.resumed = true;
        ctx.peerCertificates = session.peerCertificates();
        ctx.clientRandom = ch.random().clone();
        ctx.serverRandom = serverRandom(ctx);
        ctx.transcript.startHash(suite.hash());
        ctx.transcript.add(raw);
        List<Extension> ext = new ArrayList<>();
        addRenegotiationInfoAndEms(ctx, ext);
        if (ctx.alpn != null) {
            ext.add(new Extension.Alpn(List.of(ctx.alpn)));
        }
        if (issueTicket) {
            ext.add(Tls12Handshakes.extension(ExtensionType.SESSION_TICKET, new byte[0]));
        }
        ctx.send(
                new ServerHello(
                        0x0303,
                        ctx.serverRandom.clone(),
                        ch.legacySessionId(),
                        suite.code(),
                        0,
                        ext));
        ctx.tls12MasterSecret = session.psk();
        if (issueTicket) {
            issue(ctx, new Issue(new byte[0], true));
        }
        Tls12Handshakes.installMasterSecret(ctx);
        ctx.sendTls12ChangeCipherSpec();
        ctx.send(Tls12Handshakes.finished(ctx, false));
        return new ExpectResumedChangeCipherSpec();
    }

    /** Stores this session for resumption: a ticket sent now, and/or under the session id. */
    private static void issue(HandshakeContext ctx, Issue issue) {
        TicketStore store = ctx.config.ticketStore();
        if (store == null) {
            return;
        }
        ResumptionState state =
                new ResumptionState(
                        ctx.tls12MasterSecret,
                        ctx.tls12Suite,
                        ctx.config.clock().instant(),
                        ctx.config.ticketLifetimeSeconds(),
                        0,
                        Optional.ofNullable(ctx.alpn),
                        Optional.ofNullable(ctx.serverName),
                        ctx.peerCertificates);
        if (issue.ticket()) {
            byte[] ticket = store.issue(state);
            ctx.send(
                    new HandshakeMessage.Tls12(
                            new Tls12HandshakeMessage.NewSessionTicket12(
                                    ctx.config.ticketLifetimeSeconds(), ticket)));
        }
        if (issue.sessionId().length > 0) {
            store.storeUnderId(issue.sessionId(), state);
        }
    }

    static final class ExpectClientFinishedResumed extends Expect<Finished> {
        ExpectClientFinishedResumed() {
            super(Finished.class);
        }

        @Override
        public String name() {
            return "ExpectClientFinished";
        }

        @Override
        protected State on(HandshakeContext ctx, Finished f, byte[] raw) throws TlsAlertException {
            Tls12Handshakes.verifyFinished(ctx, f);
            ctx.transcript.add(raw);
            ctx.handshakeComplete = true;
            return new Connected12();
        }
    }

    static final class ExpectClientCertificate extends Expect12<Certificate12>
            implements SuspendableState {
        private final KeyAgreement agreement;

        @Override
        public int kind() {
            agreement.requireMovable();
            return TLS12_SERVER_EXPECT_CLIENT_CERTIFICATE;
        }

        @Override
        public byte[] parameters() {
            return agreement.encode();
        }

        ExpectClientCertificate(KeyAgreement agreement) {
            super(Certificate12.class);
            this.agreement = agreement;
        }

        @Override
        public String name() {
            return "ExpectClientCertificate";
        }

        @Override
        protected State on(HandshakeContext ctx, Certificate12 c, byte[] raw)
                throws TlsAlertException {
            if (c.certificates().isEmpty()) {
                if (ctx.config.clientAuth() == ClientAuth.REQUIRED) {
                    // RFC 5246 §7.4.6: the server may respond with a fatal handshake_failure.
                    throw new TlsAlertException(
                            AlertDescription.HANDSHAKE_FAILURE, "client sent no certificate");
                }
                ctx.transcript.add(raw);
                return new ExpectClientKeyExchange(agreement, null);
            }
            List<X509Certificate> chain = Tls12Handshakes.parseChain(c);
            Handshakes.validatePeer(ctx, chain);
            ctx.peerCertificates = chain;
            ctx.transcript.add(raw);
            return new ExpectClientKeyExchange(agreement, chain.get(0));
        }
    }

    static final class ExpectClientKeyExchange implements SuspendableState {
        private final KeyAgreement agreement;
        private final X509Certificate clientLeaf;

        @Override
        public int kind() {
            if (clientLeaf != null) {
                // Mid-flight (after the client's Certificate): not a point to suspend at.
                throw new IllegalStateException("cannot suspend in the middle of a flight");
            }
            agreement.requireMovable();
            return TLS12_SERVER_EXPECT_CLIENT_KEY_EXCHANGE;
        }

        @Override
        public byte[] parameters() {
            return agreement.encode();
        }

        ExpectClientKeyExchange(KeyAgreement agreement, X509Certificate clientLeaf) {
            this.agreement = agreement;
            this.clientLeaf = clientLeaf;
        }

        @Override
        public String name() {
            return "ExpectClientKeyExchange";
        }

        @Override
        public State handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw)
                throws TlsAlertException {
            byte[] preMasterSecret;
            if (message instanceof HandshakeMessage.Tls12 t
                    && t.message() instanceof ClientKeyExchangeEcdhe cke
                    && agreement.ephemeral() != null) {
                preMasterSecret = agreement.ephemeral().agree(cke.publicPoint());
            } else if (message instanceof HandshakeMessage.Tls12 t
                    && t.message() instanceof ClientKeyExchangeRsa cke
                    && agreement.ephemeral() == null) {
                preMasterSecret =
                        RsaPreMasterSecret.decrypt(
                                ctx.identity.privateKey(),
                                cke.encryptedPreMasterSecret(),
                                agreement.clientVersion(),
                                ctx.config.random());
            } else {
                throw TlsAlertException.unexpected(
                        message.getClass().getSimpleName() + " in state " + name());
            }
            ctx.transcript.add(raw);
            Tls12Handshakes.deriveKeys(ctx, preMasterSecret);
            State finished =
                    new ExpectChangeCipherSpec(
                            "ExpectChangeCipherSpec", new ExpectClientFinished(agreement.issue()));
            return clientLeaf == null
                    ? finished
                    : new ExpectClientCertificateVerify(clientLeaf, finished);
        }
    }

    static final class ExpectClientCertificateVerify extends Expect<CertificateVerify> {
        private final X509Certificate leaf;
        private final State next;

        ExpectClientCertificateVerify(X509Certificate leaf, State next) {
            super(CertificateVerify.class);
            this.leaf = leaf;
            this.next = next;
        }

        @Override
        public String name() {
            return "ExpectClientCertificateVerify";
        }

        @Override
        protected State on(HandshakeContext ctx, CertificateVerify cv, byte[] raw)
                throws TlsAlertException {
            Handshakes.verifyCertificateVerify(ctx, cv, leaf);
            ctx.transcript.add(raw);
            return next;
        }
    }

    static final class ExpectClientFinished extends Expect<Finished> {
        private final Issue issue;

        ExpectClientFinished(Issue issue) {
            super(Finished.class);
            this.issue = issue;
        }

        @Override
        public String name() {
            return "ExpectClientFinished";
        }

        @Override
        protected State on(HandshakeContext ctx, Finished f, byte[] raw) throws TlsAlertException {
            Tls12Handshakes.verifyFinished(ctx, f);
            ctx.transcript.add(raw);
            issue(ctx, issue);
            ctx.sendTls12ChangeCipherSpec();
            ctx.send(Tls12Handshakes.finished(ctx, false));
            ctx.handshakeComplete = true;
            return new Connected12();
        }
    }
}
