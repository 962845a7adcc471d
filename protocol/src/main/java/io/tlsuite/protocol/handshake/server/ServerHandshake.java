package io.tlsuite.protocol.handshake.server;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.crypto.KeyExchange;
import io.tlsuite.protocol.crypto.KeySchedule;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.crypto.SignatureScheme;
import io.tlsuite.protocol.handshake.Connected;
import io.tlsuite.protocol.handshake.Expect;
import io.tlsuite.protocol.handshake.HandshakeContext;
import io.tlsuite.protocol.handshake.Handshakes;
import io.tlsuite.protocol.handshake.State;
import io.tlsuite.protocol.handshake.SuspendableState;
import io.tlsuite.protocol.message.Extension;
import io.tlsuite.protocol.message.ExtensionType;
import io.tlsuite.protocol.message.HandshakeCodec;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.HandshakeMessage.Certificate;
import io.tlsuite.protocol.message.HandshakeMessage.CertificateRequest;
import io.tlsuite.protocol.message.HandshakeMessage.CertificateVerify;
import io.tlsuite.protocol.message.HandshakeMessage.ClientHello;
import io.tlsuite.protocol.message.HandshakeMessage.EncryptedExtensions;
import io.tlsuite.protocol.message.HandshakeMessage.Finished;
import io.tlsuite.protocol.message.HandshakeMessage.NewSessionTicket;
import io.tlsuite.protocol.message.HandshakeMessage.ServerHello;
import io.tlsuite.protocol.record.Record;
import io.tlsuite.protocol.resumption.ResumptionState;
import io.tlsuite.protocol.resumption.TicketStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The TLS 1.3 server state machine (RFC 8446 §2, Appendix A.2):
 *
 * <pre>
 * ExpectClientHello --no usable share--> [HelloRetryRequest] ExpectSecondClientHello
 *   -> (ServerHello, EncryptedExtensions, [CertificateRequest], Certificate, CertificateVerify, Finished)
 *   -> [ExpectClientCertificate -> ExpectClientCertificateVerify] -> ExpectClientFinished -> Connected
 * </pre>
 */
public final class ServerHandshake {
    private ServerHandshake() {}

    public static State start() {
        return new ExpectClientHello();
    }

    /** Rebuilds a suspended state from {@link SuspendableState#kind()} and its parameters. */
    public static State resume(int kind, byte[] parameters) {
        return switch (kind) {
            case SuspendableState.SERVER_EXPECT_SECOND_CLIENT_HELLO ->
                    new ExpectSecondClientHello(
                            new Retry(
                                    CipherSuite.of(
                                                    ((parameters[0] & 0xff) << 8)
                                                            | (parameters[1] & 0xff))
                                            .orElseThrow(),
                                    NamedGroup.of(
                                                    ((parameters[2] & 0xff) << 8)
                                                            | (parameters[3] & 0xff))
                                            .orElseThrow(),
                                    Arrays.copyOfRange(parameters, 4, 36)));
            case SuspendableState.SERVER_EXPECT_CLIENT_CERTIFICATE -> new ExpectClientCertificate();
            case SuspendableState.SERVER_EXPECT_CLIENT_FINISHED ->
                    new ExpectClientFinished(parameters[0] == 1);
            case SuspendableState.SERVER_CONNECTED -> new Connected();
            default -> throw new IllegalArgumentException("not a server state: " + kind);
        };
    }

    /** RFC 7507: TLS_FALLBACK_SCSV, sent by a client retrying with a lower version. */
    static final int FALLBACK_SCSV = 0x5600;

    /**
     * The version dispatch point: TLS 1.3 when offered through supported_versions and enabled, else
     * TLS 1.2 when offered (supported_versions, or legacy_version without it) and enabled. Anything
     * else, and always SSL 3.0 to TLS 1.1, is protocol_version.
     */
    static ProtocolVersion negotiateVersion(HandshakeContext ctx, ClientHello ch)
            throws TlsAlertException {
        if (ch.legacyVersion() < ProtocolVersion.TLS_1_2.code()) {
            // RFC 8446 §4.1.2 and Appendix D: legacy_version is 0x0303 for TLS 1.2 and 1.3
            // clients; below it the client speaks an older version, whatever it lists.
            throw new TlsAlertException(
                    AlertDescription.PROTOCOL_VERSION,
                    "ClientHello.legacy_version 0x" + Integer.toHexString(ch.legacyVersion()));
        }
        Optional<Extension.ClientSupportedVersions> sv =
                Extension.find(ch.extensions(), Extension.ClientSupportedVersions.class);
        boolean tls13 = ctx.config.enables(ProtocolVersion.TLS_1_3);
        boolean tls12 = ctx.config.enables(ProtocolVersion.TLS_1_2);
        ProtocolVersion chosen = null;
        if (sv.isPresent()) {
            if (tls13 && sv.get().versions().contains(ProtocolVersion.TLS_1_3.code())) {
                chosen = ProtocolVersion.TLS_1_3;
            } else if (tls12 && sv.get().versions().contains(ProtocolVersion.TLS_1_2.code())) {
                chosen = ProtocolVersion.TLS_1_2;
            }
        } else if (tls12 && ch.legacyVersion() >= ProtocolVersion.TLS_1_2.code()) {
            // RFC 8446 §4.2.1: without supported_versions, legacy_version is the client's highest.
            chosen = ProtocolVersion.TLS_1_2;
        }
        if (chosen == null) {
            int offered =
                    sv.map(v -> v.versions().stream().max(Integer::compare).orElse(0))
                            .orElse(ch.legacyVersion());
            throw new TlsAlertException(
                    AlertDescription.PROTOCOL_VERSION,
                    "client offers up to 0x"
                            + Integer.toHexString(offered)
                            + "; we negotiate "
                            + ctx.config.versions());
        }
        if (chosen == ProtocolVersion.TLS_1_2
                && tls13
                && ch.cipherSuites().contains(FALLBACK_SCSV)) {
            // RFC 7507 §3: a fallback retry while we support a higher version.
            throw new TlsAlertException(
                    AlertDescription.INAPPROPRIATE_FALLBACK, "TLS_FALLBACK_SCSV below TLS 1.3");
        }
        return chosen;
    }

    record Retry(CipherSuite suite, NamedGroup group, byte[] firstRandom) {}

    static final class ExpectClientHello extends Expect<ClientHello> {
        ExpectClientHello() {
            super(ClientHello.class);
        }

        @Override
        public String name() {
            return "ExpectClientHello";
        }

        @Override
        protected State on(HandshakeContext ctx, ClientHello ch, byte[] raw)
                throws TlsAlertException {
            if (negotiateVersion(ctx, ch) == ProtocolVersion.TLS_1_2) {
                return Tls12ServerHandshake.respond(ctx, ch, raw);
            }
            return respond(ctx, ch, raw, null);
        }
    }

    static final class ExpectSecondClientHello extends Expect<ClientHello>
            implements SuspendableState {
        private final Retry retry;

        ExpectSecondClientHello(Retry retry) {
            super(ClientHello.class);
            this.retry = retry;
        }

        @Override
        public String name() {
            return "ExpectSecondClientHello";
        }

        @Override
        public int kind() {
            return SERVER_EXPECT_SECOND_CLIENT_HELLO;
        }

        @Override
        public byte[] parameters() {
            byte[] p = new byte[36];
            p[0] = (byte) (retry.suite().code() >>> 8);
            p[1] = (byte) retry.suite().code();
            p[2] = (byte) (retry.group().code() >>> 8);
            p[3] = (byte) retry.group().code();
            System.arraycopy(retry.firstRandom(), 0, p, 4, 32);
            return p;
        }

        @Override
        protected State on(HandshakeContext ctx, ClientHello ch, byte[] raw)
                throws TlsAlertException {
            if (negotiateVersion(ctx, ch) != ProtocolVersion.TLS_1_3) {
                throw TlsAlertException.illegalParameter("second ClientHello dropped TLS 1.3");
            }
            if (!Arrays.equals(ch.random(), retry.firstRandom())) {
                throw TlsAlertException.illegalParameter("second ClientHello changed its random");
            }
            return respond(ctx, ch, raw, retry);
        }
    }

    /** The client's key share we answer, and its group. */
    private record ChosenShare(NamedGroup group, Extension.KeyShareEntry entry) {}

    /** The ticket the client resumes and its index among the offered identities. */
    private record AcceptedPsk(ResumptionState state, int identity) {}

    /**
     * Answers a ClientHello that negotiated TLS 1.3: either a HelloRetryRequest or the whole server
     * flight, one method per message (RFC 8446 §2: ServerHello, EncryptedExtensions,
     * [CertificateRequest], Certificate, CertificateVerify, Finished).
     */
    static State respond(HandshakeContext ctx, ClientHello ch, byte[] raw, Retry retry)
            throws TlsAlertException {
        if (ch.legacyCompressionMethods().length != 1 || ch.legacyCompressionMethods()[0] != 0) {
            throw TlsAlertException.illegalParameter(
                    "TLS 1.3 needs exactly the null compression method");
        }
        CipherSuite suite = chooseSuite(ctx, ch, retry);
        ctx.clientRandom = ch.random().clone();
        List<Integer> clientGroups = supportedGroups(ch);
        Optional<ChosenShare> share = chooseKeyShare(ctx, ch, retry);
        if (share.isEmpty()) {
            return helloRetry(ctx, ch, raw, suite, retryGroup(ctx, clientGroups));
        }
        AcceptedPsk psk = acceptPsk(ctx, ch, raw, suite, retry);
        List<Integer> clientSchemes = null;
        if (psk == null) {
            clientSchemes = signatureAlgorithms(ch);
            ctx.identity = IdentitySelection.forTls13(ctx.config, clientSchemes);
        }
        negotiateAlpnAndSni(ctx, ch);

        if (retry == null) {
            ctx.transcript.startHash(suite.hash());
        }
        ctx.transcript.add(raw);
        ctx.suite = suite;
        ctx.group = share.get().group();
        ctx.version = ProtocolVersion.TLS_1_3;
        ctx.resumed = psk != null;

        sendServerHello(ctx, ch, share.get(), psk);
        sendEncryptedExtensions(ctx);
        boolean requestClientCert = psk == null && ctx.config.clientAuth() != ClientAuth.NONE;
        if (requestClientCert) {
            sendCertificateRequest(ctx);
        }
        if (psk == null) {
            ctx.send(
                    Handshakes.certificateMessage(
                            new byte[0],
                            ctx.identity.chain(),
                            Stapling.responseFor(ctx, ch, ctx.identity)));
            ctx.send(Handshakes.signCertificateVerify(ctx, clientSchemes));
        } else {
            ctx.peerCertificates = psk.state().peerCertificates();
        }
        sendFinished(ctx);
        if (requestClientCert) {
            return new ExpectClientCertificate();
        }
        sendTicketsWithFlight(ctx);
        return new ExpectClientFinished(true);
    }

    /**
     * Our most preferred group among the client's key shares (RFC 8446 §4.2.8); empty when no share
     * is for a group we enable (then a HelloRetryRequest asks for one).
     */
    private static Optional<ChosenShare> chooseKeyShare(
            HandshakeContext ctx, ClientHello ch, Retry retry) throws TlsAlertException {
        Extension.ClientKeyShares shares =
                Extension.find(ch.extensions(), Extension.ClientKeyShares.class)
                        .orElseThrow(
                                () ->
                                        new TlsAlertException(
                                                AlertDescription.MISSING_EXTENSION,
                                                "no key_share"));
        ChosenShare chosen = null;
        for (NamedGroup g : ctx.config.groups()) {
            for (Extension.KeyShareEntry e : shares.shares()) {
                if (e.group() == g.code() && chosen == null) {
                    chosen = new ChosenShare(g, e);
                }
            }
        }
        if (retry != null
                && (chosen == null
                        || chosen.group() != retry.group()
                        || shares.shares().size() != 1)) {
            throw TlsAlertException.illegalParameter(
                    "second ClientHello lacks the requested key share");
        }
        return Optional.ofNullable(chosen);
    }

    /** RFC 8446 §9.2: a ClientHello with key_share must carry supported_groups too. */
    private static List<Integer> supportedGroups(ClientHello ch) throws TlsAlertException {
        return Extension.find(ch.extensions(), Extension.SupportedGroups.class)
                .orElseThrow(
                        () ->
                                new TlsAlertException(
                                        AlertDescription.MISSING_EXTENSION, "no supported_groups"))
                .groups();
    }

    /** The group a HelloRetryRequest asks for: our most preferred among supported_groups. */
    private static NamedGroup retryGroup(HandshakeContext ctx, List<Integer> clientGroups)
            throws TlsAlertException {
        for (NamedGroup g : ctx.config.groups()) {
            if (clientGroups.contains(g.code())) {
                return g;
            }
        }
        throw new TlsAlertException(AlertDescription.HANDSHAKE_FAILURE, "no common group");
    }

    /**
     * RFC 8446 §4.2.11: the first offered ticket that our store redeems, whose suite hash fits and
     * whose binder verifies (psk_dhe_ke only); null for a full handshake.
     */
    private static AcceptedPsk acceptPsk(
            HandshakeContext ctx, ClientHello ch, byte[] raw, CipherSuite suite, Retry retry)
            throws TlsAlertException {
        Optional<Extension.ClientPreSharedKey> pskExt =
                Extension.find(ch.extensions(), Extension.ClientPreSharedKey.class);
        Optional<Extension.PskKeyExchangeModes> modes =
                Extension.find(ch.extensions(), Extension.PskKeyExchangeModes.class);
        if (pskExt.isPresent() && modes.isEmpty()) {
            throw new TlsAlertException(
                    AlertDescription.MISSING_EXTENSION,
                    "pre_shared_key without psk_key_exchange_modes");
        }
        if (pskExt.isEmpty()
                || !modes.get().modes().contains(Extension.PskKeyExchangeModes.PSK_DHE_KE)
                || ctx.config.ticketStore() == null) {
            return null;
        }
        TicketStore store = ctx.config.ticketStore();
        List<Extension.PskIdentity> ids = pskExt.get().identities();
        for (int i = 0; i < ids.size(); i++) {
            Optional<ResumptionState> s = store.redeem(ids.get(i).identity());
            if (s.isPresent()
                    && s.get().cipherSuite() instanceof CipherSuite
                    && s.get().cipherSuite().hash() == suite.hash()
                    && !s.get().isExpired(ctx.config.clock().instant())) {
                verifyBinder(ctx, raw, pskExt.get(), i, s.get(), suite, retry != null);
                return new AcceptedPsk(s.get(), i);
            }
        }
        return null;
    }

    private static List<Integer> signatureAlgorithms(ClientHello ch) throws TlsAlertException {
        return Extension.find(ch.extensions(), Extension.SignatureAlgorithms.class)
                .orElseThrow(
                        () ->
                                new TlsAlertException(
                                        AlertDescription.MISSING_EXTENSION,
                                        "no signature_algorithms"))
                .schemes();
    }

    /**
     * ServerHello (RFC 8446 §4.1.3) with our key share and the selected PSK, then the handshake
     * secrets from the (EC)DHE result; both directions move to the handshake keys.
     */
    private static void sendServerHello(
            HandshakeContext ctx, ClientHello ch, ChosenShare share, AcceptedPsk psk)
            throws TlsAlertException {
        KeyExchange kx = share.group().generate(ctx.config.random());
        byte[] shared = kx.agree(share.entry().keyExchange());
        byte[] random = new byte[32];
        ctx.config.random().nextBytes(random);
        List<Extension> shExt = new ArrayList<>();
        shExt.add(new Extension.ServerSupportedVersion(ProtocolVersion.TLS_1_3.code()));
        shExt.add(
                new Extension.ServerKeyShare(
                        new Extension.KeyShareEntry(share.group().code(), kx.publicKey())));
        if (psk != null) {
            shExt.add(new Extension.ServerPreSharedKey(psk.identity()));
        }
        if (Extension.has(ch.extensions(), ExtensionType.EARLY_DATA)) {
            // 0-RTT is declined (no early_data in EncryptedExtensions): skip the client's early
            // records.
            ctx.earlyDataToSkip = 4 * Record.MAX_CIPHERTEXT;
        }
        ctx.send(new ServerHello(0x0303, random, ch.legacySessionId(), ctx.suite.code(), 0, shExt));
        if (ch.legacySessionId().length > 0) {
            ctx.sendChangeCipherSpec();
        }
        ctx.keySchedule = new KeySchedule(ctx.suite, psk == null ? null : psk.state().psk());
        ctx.keySchedule.deriveHandshakeSecret(shared);
        Arrays.fill(shared, (byte) 0);
        Handshakes.deriveHandshakeSecrets(ctx);
        ctx.setWriteSecret(ctx.serverHandshakeSecret);
        ctx.setReadSecret(ctx.clientHandshakeSecret);
    }

    /** RFC 8446 §4.3.1: the negotiated ALPN protocol and the SNI acknowledgement. */
    private static void sendEncryptedExtensions(HandshakeContext ctx) {
        List<Extension> ee = new ArrayList<>();
        if (ctx.alpn != null) {
            ee.add(new Extension.Alpn(List.of(ctx.alpn)));
        }
        if (ctx.serverName != null) {
            ee.add(new Extension.ServerNameAck());
        }
        ctx.send(new EncryptedExtensions(ee));
    }

    /** RFC 8446 §4.3.2: the signature schemes we accept for the client's CertificateVerify. */
    private static void sendCertificateRequest(HandshakeContext ctx) {
        ctx.send(
                new CertificateRequest(
                        new byte[0],
                        List.of(
                                new Extension.SignatureAlgorithms(
                                        ctx.config.signatureSchemes().stream()
                                                .map(SignatureScheme::code)
                                                .toList()))));
    }

    /** RFC 8446 §4.4.4: our Finished, then the application write key. */
    private static void sendFinished(HandshakeContext ctx) {
        ctx.send(Handshakes.finished(ctx, ctx.serverHandshakeSecret));
        Handshakes.deriveApplicationSecrets(ctx);
        ctx.setWriteSecret(ctx.serverApplicationSecret);
    }

    /**
     * RFC 8446 §4.6.1 note: without client authentication the server knows the client's Finished in
     * advance, so the tickets can go out with this flight; clients that close right after the
     * handshake (openssl s_client) still get them.
     */
    private static void sendTicketsWithFlight(HandshakeContext ctx) {
        byte[] expectedClientFinished =
                HandshakeCodec.encode(Handshakes.finished(ctx, ctx.clientHandshakeSecret));
        ctx.resumptionMasterSecret =
                ctx.keySchedule.resumptionMasterSecret(
                        ctx.transcript.hashWith(expectedClientFinished));
        issueTickets(ctx);
    }

    /** ALPN (RFC 7301: no_application_protocol when nothing is common) and SNI, both versions. */
    static void negotiateAlpnAndSni(HandshakeContext ctx, ClientHello ch) throws TlsAlertException {
        Optional<Extension.Alpn> alpn = Extension.find(ch.extensions(), Extension.Alpn.class);
        if (alpn.isPresent() && !ctx.config.alpnProtocols().isEmpty()) {
            for (String p : ctx.config.alpnProtocols()) {
                if (alpn.get().protocols().contains(p)) {
                    ctx.alpn = p;
                    break;
                }
            }
            if (ctx.alpn == null) {
                throw new TlsAlertException(
                        AlertDescription.NO_APPLICATION_PROTOCOL, "no common ALPN protocol");
            }
        }
        Optional<Extension.ServerName> sni =
                Extension.find(ch.extensions(), Extension.ServerName.class);
        ctx.serverName = sni.map(Extension.ServerName::hostName).orElse(null);
    }

    private static CipherSuite chooseSuite(HandshakeContext ctx, ClientHello ch, Retry retry)
            throws TlsAlertException {
        if (retry != null) {
            if (!ch.cipherSuites().contains(retry.suite().code())) {
                throw TlsAlertException.illegalParameter(
                        "second ClientHello dropped the chosen suite");
            }
            return retry.suite();
        }
        for (CipherSuite s : ctx.config.cipherSuites()) {
            if (ch.cipherSuites().contains(s.code())) {
                return s;
            }
        }
        throw new TlsAlertException(AlertDescription.HANDSHAKE_FAILURE, "no common cipher suite");
    }

    /** RFC 8446 §4.2.11.2: a binder that does not verify aborts with decrypt_error. */
    private static void verifyBinder(
            HandshakeContext ctx,
            byte[] raw,
            Extension.ClientPreSharedKey psk,
            int index,
            ResumptionState state,
            CipherSuite suite,
            boolean afterRetry)
            throws TlsAlertException {
        byte[] truncated = HandshakeCodec.truncateBinders(raw, psk);
        byte[] hash =
                afterRetry ? ctx.transcript.hashWith(truncated) : suite.hash().digest(truncated);
        KeySchedule early = new KeySchedule(suite, state.psk());
        byte[] binderKey = early.resumptionBinderKey();
        byte[] expected = early.verifyData(binderKey, hash);
        Arrays.fill(binderKey, (byte) 0);
        early.destroy();
        if (!MessageDigest.isEqual(expected, psk.binders().get(index))) {
            throw new TlsAlertException(
                    AlertDescription.DECRYPT_ERROR, "PSK binder does not verify");
        }
    }

    private static State helloRetry(
            HandshakeContext ctx, ClientHello ch, byte[] raw, CipherSuite suite, NamedGroup group) {
        ctx.suite = suite;
        ctx.helloRetryRequest = true;
        ctx.transcript.startHash(suite.hash());
        ctx.transcript.add(raw);
        ctx.transcript.replaceWithMessageHash();
        List<Extension> ext =
                List.of(
                        new Extension.ServerSupportedVersion(ProtocolVersion.TLS_1_3.code()),
                        new Extension.HelloRetryKeyShare(group.code()));
        ctx.send(
                new ServerHello(
                        0x0303,
                        HandshakeMessage.HELLO_RETRY_REQUEST_RANDOM.clone(),
                        ch.legacySessionId(),
                        suite.code(),
                        0,
                        ext));
        if (ch.legacySessionId().length > 0) {
            ctx.sendChangeCipherSpec();
        }
        return new ExpectSecondClientHello(new Retry(suite, group, ch.random().clone()));
    }

    static final class ExpectClientCertificate extends Expect<Certificate>
            implements SuspendableState {
        @Override
        public int kind() {
            return SERVER_EXPECT_CLIENT_CERTIFICATE;
        }

        ExpectClientCertificate() {
            super(Certificate.class);
        }

        @Override
        public String name() {
            return "ExpectClientCertificate";
        }

        @Override
        protected State on(HandshakeContext ctx, Certificate c, byte[] raw)
                throws TlsAlertException {
            if (c.context().length != 0) {
                throw TlsAlertException.illegalParameter("certificate_request_context mismatch");
            }
            if (c.entries().isEmpty()) {
                if (ctx.config.clientAuth() == ClientAuth.REQUIRED) {
                    throw new TlsAlertException(
                            AlertDescription.CERTIFICATE_REQUIRED, "client sent no certificate");
                }
                ctx.transcript.add(raw);
                return new ExpectClientFinished(false);
            }
            List<X509Certificate> chain = Handshakes.parseChain(c);
            Handshakes.validatePeer(ctx, chain);
            ctx.peerCertificates = chain;
            ctx.transcript.add(raw);
            return new ExpectClientCertificateVerify(chain.get(0));
        }
    }

    static final class ExpectClientCertificateVerify extends Expect<CertificateVerify> {
        private final X509Certificate leaf;

        ExpectClientCertificateVerify(X509Certificate leaf) {
            super(CertificateVerify.class);
            this.leaf = leaf;
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
            return new ExpectClientFinished(false);
        }
    }

    static final class ExpectClientFinished extends Expect<Finished> implements SuspendableState {
        @Override
        public int kind() {
            return SERVER_EXPECT_CLIENT_FINISHED;
        }

        @Override
        public byte[] parameters() {
            return new byte[] {(byte) (ticketsSent ? 1 : 0)};
        }

        private final boolean ticketsSent;

        ExpectClientFinished(boolean ticketsSent) {
            super(Finished.class);
            this.ticketsSent = ticketsSent;
        }

        @Override
        public String name() {
            return "ExpectClientFinished";
        }

        @Override
        protected State on(HandshakeContext ctx, Finished f, byte[] raw) throws TlsAlertException {
            Handshakes.verifyFinished(ctx, f, ctx.clientHandshakeSecret);
            ctx.transcript.add(raw);
            ctx.setReadSecret(ctx.clientApplicationSecret);
            ctx.resumptionMasterSecret =
                    ctx.keySchedule.resumptionMasterSecret(ctx.transcript.currentHash());
            ctx.handshakeComplete = true;
            if (!ticketsSent) {
                issueTickets(ctx);
            }
            return new Connected();
        }
    }

    /** RFC 8446 §4.6.1: tickets carry only a handle; the state stays in the {@link TicketStore}. */
    static void issueTickets(HandshakeContext ctx) {
        TicketStore store = ctx.config.ticketStore();
        if (store == null) {
            return;
        }
        for (int i = 0; i < ctx.config.ticketsToSend(); i++) {
            byte[] nonce = {(byte) i};
            byte[] psk = ctx.keySchedule.resumptionPsk(ctx.resumptionMasterSecret, nonce);
            long ageAdd = ctx.config.random().nextInt() & 0xffffffffL;
            ResumptionState state =
                    new ResumptionState(
                            psk,
                            ctx.suite,
                            ctx.config.clock().instant(),
                            ctx.config.ticketLifetimeSeconds(),
                            ageAdd,
                            Optional.ofNullable(ctx.alpn),
                            Optional.ofNullable(ctx.serverName),
                            ctx.peerCertificates);
            Arrays.fill(psk, (byte) 0);
            byte[] ticket = store.issue(state);
            ctx.sendPostHandshake(
                    new NewSessionTicket(
                            ctx.config.ticketLifetimeSeconds(), ageAdd, nonce, ticket, List.of()));
        }
    }
}
