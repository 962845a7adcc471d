package io.tlsuite.protocol.handshake.client;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.CertifiedKey;
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
import io.tlsuite.protocol.handshake.Tls12Handshakes;
import io.tlsuite.protocol.message.Extension;
import io.tlsuite.protocol.message.ExtensionType;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.HandshakeMessage.Finished;
import io.tlsuite.protocol.message.HandshakeMessage.ServerHello;
import io.tlsuite.protocol.message.Tls12HandshakeMessage;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.Certificate12;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.CertificateRequest12;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.ServerHelloDone;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.ServerKeyExchangeEcdhe;
import io.tlsuite.protocol.resumption.ClientSession;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;

/**
 * The TLS 1.2 client state machine (RFC 5246 §7.3), entered from {@link ClientHandshake} when the
 * ServerHello selects TLS 1.2:
 *
 * <pre>
 * ServerHello -> ExpectServerCertificate -> [ExpectServerKeyExchange]
 *   -> ExpectCertificateRequestOrServerHelloDone -> [ExpectServerHelloDone]
 *   -> ([Certificate], ClientKeyExchange, [CertificateVerify], ChangeCipherSpec, Finished)
 *   -> ExpectChangeCipherSpec -> ExpectServerFinished -> Connected
 * </pre>
 */
public final class Tls12ClientHandshake {
    private Tls12ClientHandshake() {}

    /** The TLS 1.2 extensions of our ClientHello (placed before any pre_shared_key). */
    static void addExtensions(HandshakeContext ctx, List<Extension> ext) {
        ext.add(
                Tls12Handshakes.extension(
                        ExtensionType.RENEGOTIATION_INFO,
                        Tls12Handshakes.EMPTY_RENEGOTIATION_INFO));
        ext.add(Tls12Handshakes.extension(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]));
        // RFC 8422 §5.1.2: uncompressed points only.
        ext.add(Tls12Handshakes.extension(ExtensionType.EC_POINT_FORMATS, new byte[] {1, 0}));
        // RFC 5077 §3.2: the ticket to resume with, or empty to ask for one.
        ClientSession resume = sessionToResume(ctx);
        if (ctx.config.tls12SessionTickets()) {
            ext.add(
                    Tls12Handshakes.extension(
                            ExtensionType.SESSION_TICKET,
                            resume == null ? new byte[0] : resume.ticket()));
        }
    }

    /** The configured TLS 1.2 session, if it can be offered: not expired, its suite enabled. */
    static ClientSession sessionToResume(HandshakeContext ctx) {
        ClientSession s = ctx.config.resumeSession();
        if (s == null
                || !ctx.config.enables(ProtocolVersion.TLS_1_2)
                || !(s.cipherSuite() instanceof Tls12CipherSuite suite)
                || !ctx.config.tls12CipherSuites().contains(suite)
                || s.isExpired(ctx.config.clock().instant())) {
            return null;
        }
        return s;
    }

    /**
     * Keeps the session the server offered (session id and/or ticket) for {@code receivedSessions}.
     */
    static void rememberSession(HandshakeContext ctx) {
        if (ctx.tls12SessionId.length == 0 && ctx.tls12Ticket.length == 0) {
            return;
        }
        ctx.receivedTickets.add(
                ClientSession.tls12(
                        ctx.tls12SessionId,
                        ctx.tls12Ticket,
                        ctx.tls12MasterSecret,
                        ctx.tls12Suite,
                        ctx.config.ticketLifetimeSeconds(),
                        ctx.config.clock().instant(),
                        ctx.config.serverName()));
    }

    static State onServerHello(
            HandshakeContext ctx, byte[] offeredSessionId, ServerHello sh, byte[] raw)
            throws TlsAlertException {
        Tls12CipherSuite suite =
                Tls12CipherSuite.of(sh.cipherSuite())
                        .filter(ctx.config.tls12CipherSuites()::contains)
                        .orElseThrow(
                                () ->
                                        TlsAlertException.illegalParameter(
                                                "cipher suite not offered: 0x"
                                                        + Integer.toHexString(sh.cipherSuite())));
        if (sh.legacyCompressionMethod() != 0) {
            throw TlsAlertException.illegalParameter(
                    "compression method " + sh.legacyCompressionMethod());
        }
        boolean ticketComing =
                Tls12Handshakes.extension(sh.extensions(), ExtensionType.SESSION_TICKET)
                        .isPresent();
        checkExtensions(ctx, sh);
        // RFC 6066 §8: an empty status_request in the ServerHello announces a CertificateStatus.
        boolean statusComing =
                Tls12Handshakes.extension(sh.extensions(), ExtensionType.STATUS_REQUEST)
                        .isPresent();
        ctx.version = ProtocolVersion.TLS_1_2;
        ctx.tls12Suite = suite;
        ctx.serverRandom = sh.random().clone();
        ctx.serverName = ctx.config.serverName();
        ctx.transcript.startHash(suite.hash());
        ctx.transcript.add(raw);
        ClientSession session = sessionToResume(ctx);
        if (offeredSessionId.length > 0
                && Arrays.equals(sh.legacySessionIdEcho(), offeredSessionId)) {
            if (session == null) {
                // Our session id was a TLS 1.3 compatibility value, never a session to resume.
                throw TlsAlertException.illegalParameter(
                        "server resumed a session we did not offer");
            }
            if (session.cipherSuite() != suite) {
                throw TlsAlertException.illegalParameter("resumed session with another suite");
            }
            // RFC 5246 §7.3 abbreviated handshake: the session's master secret, new randoms.
            ctx.resumed = true;
            ctx.tls12SessionId = sh.legacySessionIdEcho().clone();
            ctx.tls12Ticket = session.ticket();
            ctx.tls12MasterSecret = session.psk();
            Tls12Handshakes.installMasterSecret(ctx);
            State finished =
                    new ExpectChangeCipherSpec(
                            "ExpectChangeCipherSpec", new ExpectServerFinished(true));
            return ticketComing ? new ExpectNewSessionTicket(finished) : finished;
        }
        ctx.tls12SessionId = sh.legacySessionIdEcho().clone();
        return new ExpectServerCertificate(ticketComing, statusComing);
    }

    private static void checkExtensions(HandshakeContext ctx, ServerHello sh)
            throws TlsAlertException {
        boolean ems = false;
        boolean secureRenegotiation = false;
        for (Extension e : sh.extensions()) {
            switch (e.type()) {
                case ExtensionType.RENEGOTIATION_INFO -> {
                    byte[] body = ((Extension.Unknown) e).data();
                    if (!Arrays.equals(body, Tls12Handshakes.EMPTY_RENEGOTIATION_INFO)) {
                        // RFC 5746 §3.4: an initial handshake must see an empty one.
                        throw new TlsAlertException(
                                AlertDescription.HANDSHAKE_FAILURE,
                                "renegotiation_info is not empty");
                    }
                    secureRenegotiation = true;
                }
                case ExtensionType.EXTENDED_MASTER_SECRET -> {
                    if (((Extension.Unknown) e).data().length != 0) {
                        throw TlsAlertException.decodeError("extended_master_secret not empty");
                    }
                    ems = true;
                }
                case ExtensionType.EC_POINT_FORMATS -> {
                    byte[] f = ((Extension.Unknown) e).data();
                    boolean uncompressed = false;
                    for (int i = 1; i < f.length; i++) {
                        uncompressed |= f[i] == 0;
                    }
                    if (f.length == 0 || (f[0] & 0xff) != f.length - 1 || !uncompressed) {
                        throw TlsAlertException.illegalParameter(
                                "ec_point_formats without uncompressed");
                    }
                }
                case ExtensionType.ALPN -> {
                    String p = ((Extension.Alpn) e).protocols().get(0);
                    if (!ctx.config.alpnProtocols().contains(p)) {
                        throw TlsAlertException.illegalParameter(
                                "server chose an ALPN protocol not offered");
                    }
                    ctx.alpn = p;
                }
                case ExtensionType.SERVER_NAME -> {
                    if (ctx.config.serverName() == null) {
                        throw new TlsAlertException(
                                AlertDescription.UNSUPPORTED_EXTENSION, "server_name not offered");
                    }
                }
                case ExtensionType.STATUS_REQUEST -> {
                    if (!ctx.config.requestOcspStapling()) {
                        throw new TlsAlertException(
                                AlertDescription.UNSUPPORTED_EXTENSION,
                                "status_request in a TLS 1.2 ServerHello, not requested");
                    }
                    if (((Extension.Unknown) e).data().length != 0) {
                        throw TlsAlertException.decodeError(
                                "status_request in ServerHello not empty");
                    }
                }
                case ExtensionType.SESSION_TICKET -> {
                    // RFC 5077 §3.2: empty, a promise of a NewSessionTicket (we always offer it).
                    if (((Extension.Unknown) e).data().length != 0) {
                        throw TlsAlertException.decodeError(
                                "session_ticket in ServerHello not empty");
                    }
                }
                default ->
                        throw new TlsAlertException(
                                AlertDescription.UNSUPPORTED_EXTENSION,
                                ExtensionType.name(e.type()) + " in a TLS 1.2 ServerHello");
            }
        }
        if (!ems) {
            // RFC 7627 §5.2: a client may abort a full handshake without it; we always do.
            throw new TlsAlertException(
                    AlertDescription.HANDSHAKE_FAILURE,
                    "server does not use extended_master_secret (RFC 7627)");
        }
        if (!secureRenegotiation) {
            throw new TlsAlertException(
                    AlertDescription.HANDSHAKE_FAILURE,
                    "server signals no secure renegotiation (RFC 5746)");
        }
    }

    static final class ExpectServerCertificate extends Expect12<Certificate12> {
        private final boolean ticketComing;
        private final boolean statusComing;

        ExpectServerCertificate(boolean ticketComing, boolean statusComing) {
            super(Certificate12.class);
            this.ticketComing = ticketComing;
            this.statusComing = statusComing;
        }

        @Override
        public String name() {
            return "ExpectServerCertificate";
        }

        @Override
        protected State on(HandshakeContext ctx, Certificate12 c, byte[] raw)
                throws TlsAlertException {
            if (c.certificates().isEmpty()) {
                throw TlsAlertException.decodeError("server sent no certificate");
            }
            List<X509Certificate> chain = Tls12Handshakes.parseChain(c);
            PublicKey key = chain.get(0).getPublicKey();
            boolean fits =
                    ctx.tls12Suite.keyExchange() == KeyExchangeAlgorithm.ECDHE_ECDSA
                            ? key instanceof ECKey
                            : key instanceof RSAKey;
            if (!fits) {
                throw new TlsAlertException(
                        AlertDescription.UNSUPPORTED_CERTIFICATE,
                        key.getAlgorithm() + " certificate for " + ctx.tls12Suite);
            }
            ctx.transcript.add(raw);
            State next =
                    ctx.tls12Suite.keyExchange() == KeyExchangeAlgorithm.RSA
                            ? new ExpectCertificateRequestOrServerHelloDone(null, ticketComing)
                            : new ExpectServerKeyExchange(ticketComing);
            if (statusComing) {
                // The chain is validated once we know whether a staple follows.
                return new ExpectCertificateStatus(chain, next);
            }
            Handshakes.validatePeer(ctx, chain);
            ctx.peerCertificates = chain;
            return next;
        }
    }

    /**
     * After a ServerHello with status_request: a CertificateStatus (RFC 6066 §8) may follow the
     * Certificate, or not ("a server MAY choose not to send" it). Either way the chain is validated
     * here, with the staple when there is one; any other message goes on to the next state.
     */
    static final class ExpectCertificateStatus implements State {
        private final List<X509Certificate> chain;
        private final State next;

        ExpectCertificateStatus(List<X509Certificate> chain, State next) {
            this.chain = chain;
            this.next = next;
        }

        @Override
        public String name() {
            return "ExpectCertificateStatusOr" + next.name().substring("Expect".length());
        }

        @Override
        public State handle(HandshakeContext ctx, HandshakeMessage m, byte[] raw)
                throws TlsAlertException {
            if (m instanceof HandshakeMessage.Tls12 t
                    && t.message() instanceof Tls12HandshakeMessage.CertificateStatus12 cs) {
                Handshakes.validatePeer(ctx, chain, cs.ocspResponse());
                ctx.peerCertificates = chain;
                ctx.transcript.add(raw);
                return next;
            }
            Handshakes.validatePeer(ctx, chain);
            ctx.peerCertificates = chain;
            return next.handle(ctx, m, raw);
        }
    }

    /** The server's ephemeral ECDH point and group, from a verified ServerKeyExchange. */
    record ServerShare(NamedGroup group, byte[] point) {}

    static final class ExpectServerKeyExchange extends Expect12<ServerKeyExchangeEcdhe> {
        private final boolean ticketComing;

        ExpectServerKeyExchange(boolean ticketComing) {
            super(ServerKeyExchangeEcdhe.class);
            this.ticketComing = ticketComing;
        }

        @Override
        public String name() {
            return "ExpectServerKeyExchange";
        }

        @Override
        protected State on(HandshakeContext ctx, ServerKeyExchangeEcdhe ske, byte[] raw)
                throws TlsAlertException {
            NamedGroup group =
                    NamedGroup.of(ske.namedGroup())
                            .filter(ctx.config.groups()::contains)
                            .filter(NamedGroup::isEcdhe)
                            .orElseThrow(
                                    () ->
                                            TlsAlertException.illegalParameter(
                                                    "ServerKeyExchange for a group not offered"));
            X509Certificate leaf = ctx.peerCertificates.get(0);
            SignatureScheme scheme =
                    Handshakes.peerSignatureScheme(
                            ctx, ske.signatureScheme(), leaf.getPublicKey(), "ServerKeyExchange");
            byte[] signed = ske.signedContent(ctx.clientRandom, ctx.serverRandom);
            if (!scheme.verify(leaf.getPublicKey(), signed, ske.signature())) {
                throw new TlsAlertException(
                        AlertDescription.DECRYPT_ERROR, "ServerKeyExchange signature invalid");
            }
            ctx.group = group;
            ctx.transcript.add(raw);
            return new ExpectCertificateRequestOrServerHelloDone(
                    new ServerShare(group, ske.publicPoint()), ticketComing);
        }
    }

    /** CertificateRequest is optional: this state takes it or ServerHelloDone. */
    static final class ExpectCertificateRequestOrServerHelloDone implements State {
        private final ServerShare share;
        private final boolean ticketComing;

        ExpectCertificateRequestOrServerHelloDone(ServerShare share, boolean ticketComing) {
            this.share = share;
            this.ticketComing = ticketComing;
        }

        @Override
        public String name() {
            return "ExpectCertificateRequestOrServerHelloDone";
        }

        @Override
        public State handle(HandshakeContext ctx, HandshakeMessage m, byte[] raw)
                throws TlsAlertException {
            if (m instanceof HandshakeMessage.Tls12 t
                    && t.message() instanceof CertificateRequest12 cr) {
                ctx.transcript.add(raw);
                return new ExpectServerHelloDone(share, cr, ticketComing);
            }
            return new ExpectServerHelloDone(share, null, ticketComing).handle(ctx, m, raw);
        }
    }

    static final class ExpectServerHelloDone extends Expect12<ServerHelloDone> {
        private final ServerShare share;
        private final CertificateRequest12 request;
        private final boolean ticketComing;

        ExpectServerHelloDone(
                ServerShare share, CertificateRequest12 request, boolean ticketComing) {
            super(ServerHelloDone.class);
            this.share = share;
            this.request = request;
            this.ticketComing = ticketComing;
        }

        @Override
        public String name() {
            return "ExpectServerHelloDone";
        }

        @Override
        protected State on(HandshakeContext ctx, ServerHelloDone done, byte[] raw)
                throws TlsAlertException {
            ctx.transcript.add(raw);
            CertifiedKey identity = request == null ? null : identityFor(ctx, request);
            if (request != null) {
                ctx.send(
                        Tls12Handshakes.certificateMessage(
                                identity == null ? List.of() : identity.chain()));
            }
            byte[] preMasterSecret;
            if (share != null) {
                KeyExchange kx = share.group().generate(ctx.config.random());
                preMasterSecret = kx.agree(share.point());
                ctx.send(
                        new HandshakeMessage.Tls12(
                                new Tls12HandshakeMessage.ClientKeyExchangeEcdhe(kx.publicKey())));
            } else {
                preMasterSecret = rsaPreMasterSecret(ctx);
                byte[] encrypted =
                        encrypt(ctx.peerCertificates.get(0).getPublicKey(), preMasterSecret, ctx);
                ctx.send(
                        new HandshakeMessage.Tls12(
                                new Tls12HandshakeMessage.ClientKeyExchangeRsa(encrypted)));
            }
            Tls12Handshakes.deriveKeys(ctx, preMasterSecret);
            if (identity != null) {
                ctx.identity = identity;
                ctx.send(Tls12Handshakes.signCertificateVerify(ctx, request.signatureSchemes()));
            }
            ctx.sendTls12ChangeCipherSpec();
            ctx.send(Tls12Handshakes.finished(ctx, true));
            State finished =
                    new ExpectChangeCipherSpec(
                            "ExpectChangeCipherSpec", new ExpectServerFinished(false));
            return ticketComing ? new ExpectNewSessionTicket(finished) : finished;
        }
    }

    /**
     * Our first identity if the server accepts its key type (RFC 5246 §7.4.4 certificate_types) and
     * one of its signature schemes fits the key; otherwise we answer with no certificate.
     */
    private static CertifiedKey identityFor(HandshakeContext ctx, CertificateRequest12 request) {
        for (CertifiedKey id : ctx.config.identities()) {
            boolean ec = "EC".equals(id.privateKey().getAlgorithm());
            boolean rsa = id.privateKey() instanceof RSAKey;
            boolean typeOk =
                    (ec && request.certificateTypes().contains(64))
                            || (rsa && request.certificateTypes().contains(1));
            List<Integer> usable =
                    request.signatureSchemes().stream()
                            .filter(Tls12Handshakes.ourSchemes(ctx)::contains)
                            .toList();
            if (typeOk && SignatureScheme.select(id.privateKey(), usable, false).isPresent()) {
                return id;
            }
        }
        return null;
    }

    /** RFC 5246 §7.4.7.1: client_version (the version we offered, 0x0303) and 46 random bytes. */
    private static byte[] rsaPreMasterSecret(HandshakeContext ctx) {
        byte[] pm = new byte[48];
        ctx.config.random().nextBytes(pm);
        pm[0] = 3;
        pm[1] = 3;
        return pm;
    }

    private static byte[] encrypt(PublicKey key, byte[] preMasterSecret, HandshakeContext ctx)
            throws TlsAlertException {
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, key, ctx.config.random());
            return rsa.doFinal(preMasterSecret);
        } catch (GeneralSecurityException e) {
            throw new TlsAlertException(
                    AlertDescription.INTERNAL_ERROR, "RSA encryption of the pre-master failed", e);
        }
    }

    /** RFC 5077 §3.3: promised by an empty session_ticket in ServerHello, before the CCS. */
    static final class ExpectNewSessionTicket
            extends Expect12<Tls12HandshakeMessage.NewSessionTicket12> {
        private final State next;

        ExpectNewSessionTicket(State next) {
            super(Tls12HandshakeMessage.NewSessionTicket12.class);
            this.next = next;
        }

        @Override
        public String name() {
            return "ExpectNewSessionTicket";
        }

        @Override
        protected State on(
                HandshakeContext ctx, Tls12HandshakeMessage.NewSessionTicket12 t, byte[] raw) {
            ctx.transcript.add(raw);
            ctx.tls12Ticket = t.ticket().clone();
            return next;
        }
    }

    static final class ExpectServerFinished extends Expect<Finished> {
        private final boolean resumed;

        /** {@code resumed}: an abbreviated handshake, where our Finished follows the server's. */
        ExpectServerFinished(boolean resumed) {
            super(Finished.class);
            this.resumed = resumed;
        }

        @Override
        public String name() {
            return "ExpectServerFinished";
        }

        @Override
        protected State on(HandshakeContext ctx, Finished f, byte[] raw) throws TlsAlertException {
            Tls12Handshakes.verifyFinished(ctx, f);
            ctx.transcript.add(raw);
            if (resumed) {
                ctx.sendTls12ChangeCipherSpec();
                ctx.send(Tls12Handshakes.finished(ctx, true));
            }
            ctx.handshakeComplete = true;
            rememberSession(ctx);
            return new Connected12();
        }
    }
}
