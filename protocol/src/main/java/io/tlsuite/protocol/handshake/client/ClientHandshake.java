package io.tlsuite.protocol.handshake.client;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.cert.HostnameMatcher;
import io.tlsuite.protocol.codec.ProtocolVersion;
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
import io.tlsuite.protocol.message.HandshakeType;
import io.tlsuite.protocol.resumption.ClientSession;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TLS 1.3 client state machine (RFC 8446 §2, Appendix A.1):
 *
 * <pre>
 * start -> ExpectServerHello --HRR--> ExpectServerHello(after retry)
 *       -> ExpectEncryptedExtensions -> [ExpectCertificateOrRequest -> ExpectCertificate
 *       -> ExpectCertificateVerify] -> ExpectFinished -> ClientConnected
 * </pre>
 */
public final class ClientHandshake {
    private ClientHandshake() {}

    static final byte[] DOWNGRADE_TLS12 = "DOWNGRD\u0001".getBytes(StandardCharsets.US_ASCII);
    static final byte[] DOWNGRADE_TLS11 = "DOWNGRD\u0000".getBytes(StandardCharsets.US_ASCII);

    /** What the client offered, carried from state to state. */
    static final class Offer {
        final byte[] random = new byte[32];
        final byte[] sessionId;
        final List<CipherSuite> suites;
        final Map<NamedGroup, KeyExchange> shares = new LinkedHashMap<>();
        ClientSession psk;

        final boolean tls13;
        final boolean tls12;

        Offer(HandshakeContext ctx) {
            tls13 = ctx.config.enables(ProtocolVersion.TLS_1_3);
            tls12 = ctx.config.enables(ProtocolVersion.TLS_1_2);
            ctx.config.random().nextBytes(random);
            ClientSession resume = Tls12ClientHandshake.sessionToResume(ctx);
            if (resume != null && resume.sessionId().length > 0) {
                sessionId = resume.sessionId();
            } else {
                // TLS 1.3 middlebox compatibility, or RFC 5077 §3.4 with a ticket to resume.
                sessionId =
                        new byte
                                [(tls13 && ctx.config.middleboxCompatibility()) || resume != null
                                        ? 32
                                        : 0];
                ctx.config.random().nextBytes(sessionId);
            }
            suites = tls13 ? ctx.config.cipherSuites() : List.of();
            if (tls13) {
                for (NamedGroup g : ctx.config.keyShareGroups()) {
                    shares.put(g, g.generate(ctx.config.random()));
                }
            }
        }
    }

    /** The connected state, for a connection restored from a snapshot. */
    public static State connected() {
        return new ClientConnected();
    }

    /** Sends the first ClientHello and returns the first state. */
    public static State start(HandshakeContext ctx) throws TlsAlertException {
        Offer offer = new Offer(ctx);
        ctx.clientRandom = offer.random.clone();
        sendClientHello(ctx, offer, null);
        return new ExpectServerHello(offer, false);
    }

    static void sendClientHello(HandshakeContext ctx, Offer offer, byte[] cookie) {
        List<Extension> ext = new ArrayList<>();
        String sni = ctx.config.serverName();
        if (sni != null && !HostnameMatcher.isIpLiteral(sni)) {
            ext.add(new Extension.ServerName(sni));
        }
        ext.add(
                new Extension.SupportedGroups(
                        ctx.config.groups().stream().map(NamedGroup::code).toList()));
        ext.add(
                new Extension.SignatureAlgorithms(
                        ctx.config.signatureSchemes().stream()
                                .map(SignatureScheme::code)
                                .toList()));
        if (!ctx.config.alpnProtocols().isEmpty()) {
            ext.add(new Extension.Alpn(ctx.config.alpnProtocols()));
        }
        if (ctx.config.requestOcspStapling()) {
            // RFC 6066 §8: ocsp, no responder ids, no request extensions; TLS 1.3 too (§4.4.2.1).
            ext.add(Extension.StatusRequest.ocsp());
        }
        if (offer.tls12) {
            Tls12ClientHandshake.addExtensions(ctx, ext);
        }
        List<Integer> suites =
                new ArrayList<>(offer.suites.stream().map(CipherSuite::code).toList());
        if (offer.tls12) {
            ctx.config.tls12CipherSuites().forEach(s -> suites.add(s.code()));
        }
        if (!offer.tls13) {
            // TLS 1.2 only: no TLS 1.3 extensions, and no PSK.
            ctx.send(
                    new ClientHello(
                            0x0303, offer.random, offer.sessionId, suites, new byte[] {0}, ext));
            ctx.flush();
            return;
        }
        ext.add(
                new Extension.ClientSupportedVersions(
                        offer.tls12
                                ? List.of(
                                        ProtocolVersion.TLS_1_3.code(),
                                        ProtocolVersion.TLS_1_2.code())
                                : List.of(ProtocolVersion.TLS_1_3.code())));
        List<Extension.KeyShareEntry> entries = new ArrayList<>();
        offer.shares.forEach(
                (g, kx) -> entries.add(new Extension.KeyShareEntry(g.code(), kx.publicKey())));
        ext.add(new Extension.ClientKeyShares(entries));
        ext.add(
                new Extension.PskKeyExchangeModes(
                        List.of(Extension.PskKeyExchangeModes.PSK_DHE_KE)));
        if (cookie != null) {
            ext.add(new Extension.Cookie(cookie));
        }
        ClientSession session = pskToOffer(ctx, offer);
        offer.psk = session;
        if (session == null) {
            ClientHello ch =
                    new ClientHello(
                            0x0303, offer.random, offer.sessionId, suites, new byte[] {0}, ext);
            ctx.send(ch);
            ctx.flush();
            return;
        }
        // RFC 8446 §4.2.11.2: the binder covers the ClientHello up to the binders list.
        Instant now = ctx.config.clock().instant();
        long age =
                (now.toEpochMilli() - session.receivedAt().toEpochMilli() + session.ageAdd())
                        & 0xffffffffL;
        int hashLen = session.cipherSuite().hash().length();
        Extension.PskIdentity id = new Extension.PskIdentity(session.ticket(), age);
        List<Extension> withDummy = new ArrayList<>(ext);
        Extension.ClientPreSharedKey dummy =
                new Extension.ClientPreSharedKey(List.of(id), List.of(new byte[hashLen]));
        withDummy.add(dummy);
        byte[] encoded =
                HandshakeCodec.encode(
                        new ClientHello(
                                0x0303,
                                offer.random,
                                offer.sessionId,
                                suites,
                                new byte[] {0},
                                withDummy));
        byte[] truncated = HandshakeCodec.truncateBinders(encoded, dummy);
        byte[] binderHash =
                ctx.transcript.hasHash()
                        ? ctx.transcript.hashWith(truncated)
                        : session.cipherSuite().hash().digest(truncated);
        KeySchedule early = new KeySchedule((CipherSuite) session.cipherSuite(), session.psk());
        byte[] binderKey = early.resumptionBinderKey();
        byte[] binder = early.verifyData(binderKey, binderHash);
        Arrays.fill(binderKey, (byte) 0);
        early.destroy();
        ext.add(new Extension.ClientPreSharedKey(List.of(id), List.of(binder)));
        ClientHello ch =
                new ClientHello(0x0303, offer.random, offer.sessionId, suites, new byte[] {0}, ext);
        ctx.send(ch);
        ctx.flush();
    }

    private static ClientSession pskToOffer(HandshakeContext ctx, Offer offer) {
        ClientSession s = ctx.config.resumeSession();
        if (s == null
                || !(s.cipherSuite() instanceof CipherSuite)
                || s.isExpired(ctx.config.clock().instant())) {
            // A TLS 1.2 session is offered through the session id or session_ticket instead.
            return null;
        }
        // After a HelloRetryRequest the PSK must fit the suite the server chose.
        if (ctx.suite != null && ctx.suite.hash() != s.cipherSuite().hash()) {
            return null;
        }
        boolean hashOffered =
                offer.suites.stream().anyMatch(cs -> cs.hash() == s.cipherSuite().hash());
        return hashOffered ? s : null;
    }

    /** RFC 8446 §4.1.3: a TLS 1.3 client seeing a downgrade sentinel aborts, illegal_parameter. */
    static void checkNoDowngradeSentinel(ServerHello sh) throws TlsAlertException {
        byte[] tail = Arrays.copyOfRange(sh.random(), 24, 32);
        if (Arrays.equals(tail, DOWNGRADE_TLS12) || Arrays.equals(tail, DOWNGRADE_TLS11)) {
            throw TlsAlertException.illegalParameter("downgrade sentinel in ServerHello.random");
        }
    }

    /**
     * Checks a TLS 1.3 ServerHello's version (a TLS 1.2 one branched off before, in {@link
     * ExpectServerHello}).
     */
    static void checkVersion(ServerHello sh) throws TlsAlertException {
        Optional<Extension.ServerSupportedVersion> v =
                Extension.find(sh.extensions(), Extension.ServerSupportedVersion.class);
        if (v.isEmpty()) {
            checkNoDowngradeSentinel(sh);
            throw new TlsAlertException(
                    AlertDescription.PROTOCOL_VERSION,
                    "server chose 0x"
                            + Integer.toHexString(sh.legacyVersion())
                            + "; we offer TLS 1.3"
                            + (sh.legacyVersion() == ProtocolVersion.TLS_1_2.code()
                                    ? " only"
                                    : " and TLS 1.2"));
        }
        if (v.get().version() != ProtocolVersion.TLS_1_3.code() || sh.legacyVersion() != 0x0303) {
            throw TlsAlertException.illegalParameter(
                    "server selected version 0x" + Integer.toHexString(v.get().version()));
        }
    }

    static CipherSuite checkCommon(HandshakeContext ctx, Offer offer, ServerHello sh)
            throws TlsAlertException {
        checkVersion(sh);
        if (!Arrays.equals(sh.legacySessionIdEcho(), offer.sessionId)) {
            throw TlsAlertException.illegalParameter("legacy_session_id_echo mismatch");
        }
        if (sh.legacyCompressionMethod() != 0) {
            throw TlsAlertException.illegalParameter(
                    "compression method " + sh.legacyCompressionMethod());
        }
        return CipherSuite.of(sh.cipherSuite())
                .filter(offer.suites::contains)
                .orElseThrow(
                        () ->
                                TlsAlertException.illegalParameter(
                                        "cipher suite not offered: 0x"
                                                + Integer.toHexString(sh.cipherSuite())));
    }

    static final class ExpectServerHello extends Expect<ServerHello> {
        private final Offer offer;
        private final boolean afterRetry;

        ExpectServerHello(Offer offer, boolean afterRetry) {
            super(ServerHello.class);
            this.offer = offer;
            this.afterRetry = afterRetry;
        }

        @Override
        public String name() {
            return "ExpectServerHello";
        }

        @Override
        protected State on(HandshakeContext ctx, ServerHello sh, byte[] raw)
                throws TlsAlertException {
            if (!sh.isHelloRetryRequest()
                    && Extension.find(sh.extensions(), Extension.ServerSupportedVersion.class)
                            .isEmpty()
                    && offer.tls12
                    && sh.legacyVersion() == ProtocolVersion.TLS_1_2.code()) {
                // The version dispatch point: a ServerHello without supported_versions is TLS 1.2.
                if (afterRetry) {
                    throw TlsAlertException.illegalParameter("TLS 1.2 after a HelloRetryRequest");
                }
                if (offer.tls13) {
                    checkNoDowngradeSentinel(sh);
                }
                return Tls12ClientHandshake.onServerHello(ctx, offer.sessionId, sh, raw);
            }
            if (!offer.tls13) {
                throw new TlsAlertException(
                        AlertDescription.PROTOCOL_VERSION,
                        "server chose 0x"
                                + Integer.toHexString(sh.legacyVersion())
                                + "; we offer TLS 1.2 only");
            }
            if (sh.isHelloRetryRequest()) {
                if (afterRetry) {
                    throw TlsAlertException.unexpected("second HelloRetryRequest");
                }
                return onRetry(ctx, sh, raw);
            }
            CipherSuite suite = checkCommon(ctx, offer, sh);
            if (afterRetry && suite != ctx.suite) {
                throw TlsAlertException.illegalParameter(
                        "cipher suite differs from the HelloRetryRequest");
            }
            for (Extension e : sh.extensions()) {
                int t = e.type();
                if (t != ExtensionType.SUPPORTED_VERSIONS
                        && t != ExtensionType.KEY_SHARE
                        && t != ExtensionType.PRE_SHARED_KEY) {
                    throw new TlsAlertException(
                            AlertDescription.UNSUPPORTED_EXTENSION,
                            ExtensionType.name(t) + " in ServerHello");
                }
            }
            Extension.ServerKeyShare share =
                    Extension.find(sh.extensions(), Extension.ServerKeyShare.class)
                            .orElseThrow(
                                    () ->
                                            new TlsAlertException(
                                                    AlertDescription.MISSING_EXTENSION,
                                                    "no key_share"));
            NamedGroup group = NamedGroup.of(share.share().group()).orElse(null);
            KeyExchange kx = group == null ? null : offer.shares.get(group);
            if (kx == null) {
                throw TlsAlertException.illegalParameter(
                        "key share for a group we sent no share for");
            }
            byte[] psk = null;
            Optional<Extension.ServerPreSharedKey> selected =
                    Extension.find(sh.extensions(), Extension.ServerPreSharedKey.class);
            if (selected.isPresent()) {
                if (offer.psk == null
                        || selected.get().selectedIdentity() != 0
                        || offer.psk.cipherSuite().hash() != suite.hash()) {
                    throw TlsAlertException.illegalParameter(
                            "server selected a PSK we did not offer");
                }
                psk = offer.psk.psk();
                ctx.resumed = true;
            }
            ctx.suite = suite;
            ctx.group = group;
            ctx.version = ProtocolVersion.TLS_1_3;
            ctx.transcript.startHash(suite.hash());
            ctx.transcript.add(raw);
            ctx.keySchedule = new KeySchedule(suite, psk);
            if (psk != null) {
                Arrays.fill(psk, (byte) 0);
            }
            byte[] shared = kx.agree(share.share().keyExchange());
            ctx.keySchedule.deriveHandshakeSecret(shared);
            Arrays.fill(shared, (byte) 0);
            Handshakes.deriveHandshakeSecrets(ctx);
            ctx.setReadSecret(ctx.serverHandshakeSecret);
            ctx.setWriteSecret(ctx.clientHandshakeSecret);
            return new ExpectEncryptedExtensions();
        }

        private State onRetry(HandshakeContext ctx, ServerHello hrr, byte[] raw)
                throws TlsAlertException {
            CipherSuite suite = checkCommon(ctx, offer, hrr);
            for (Extension e : hrr.extensions()) {
                int t = e.type();
                if (t != ExtensionType.SUPPORTED_VERSIONS
                        && t != ExtensionType.KEY_SHARE
                        && t != ExtensionType.COOKIE) {
                    throw new TlsAlertException(
                            AlertDescription.UNSUPPORTED_EXTENSION,
                            ExtensionType.name(t) + " in HelloRetryRequest");
                }
            }
            Optional<Extension.HelloRetryKeyShare> ks =
                    Extension.find(hrr.extensions(), Extension.HelloRetryKeyShare.class);
            Optional<Extension.Cookie> cookie =
                    Extension.find(hrr.extensions(), Extension.Cookie.class);
            if (ks.isEmpty() && cookie.isEmpty()) {
                throw TlsAlertException.illegalParameter(
                        "HelloRetryRequest would not change the ClientHello");
            }
            ctx.suite = suite;
            ctx.helloRetryRequest = true;
            ctx.transcript.startHash(suite.hash());
            ctx.transcript.replaceWithMessageHash();
            ctx.transcript.add(raw);
            if (ks.isPresent()) {
                NamedGroup group =
                        NamedGroup.of(ks.get().selectedGroup())
                                .filter(ctx.config.groups()::contains)
                                .orElseThrow(
                                        () ->
                                                TlsAlertException.illegalParameter(
                                                        "HelloRetryRequest for a group not offered"));
                if (offer.shares.containsKey(group)) {
                    throw TlsAlertException.illegalParameter(
                            "HelloRetryRequest for a group we already sent a share for");
                }
                offer.shares.clear();
                offer.shares.put(group, group.generate(ctx.config.random()));
            }
            ctx.sendChangeCipherSpec();
            sendClientHello(ctx, offer, cookie.map(Extension.Cookie::cookie).orElse(null));
            return new ExpectServerHello(offer, true);
        }
    }

    static final class ExpectEncryptedExtensions extends Expect<EncryptedExtensions> {
        ExpectEncryptedExtensions() {
            super(EncryptedExtensions.class);
        }

        @Override
        public String name() {
            return "ExpectEncryptedExtensions";
        }

        @Override
        protected State on(HandshakeContext ctx, EncryptedExtensions ee, byte[] raw)
                throws TlsAlertException {
            for (Extension e : ee.extensions()) {
                switch (e.type()) {
                    case ExtensionType.ALPN -> {
                        if (ctx.config.alpnProtocols().isEmpty()) {
                            throw new TlsAlertException(
                                    AlertDescription.UNSUPPORTED_EXTENSION, "ALPN not offered");
                        }
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
                                    AlertDescription.UNSUPPORTED_EXTENSION,
                                    "server_name not offered");
                        }
                    }
                    case ExtensionType.SUPPORTED_GROUPS -> {
                        // The server's preference, for later connections: nothing to do.
                    }
                    case ExtensionType.KEY_SHARE,
                            ExtensionType.SUPPORTED_VERSIONS,
                            ExtensionType.PRE_SHARED_KEY,
                            ExtensionType.SIGNATURE_ALGORITHMS,
                            ExtensionType.PSK_KEY_EXCHANGE_MODES,
                            ExtensionType.COOKIE ->
                            throw TlsAlertException.illegalParameter(
                                    ExtensionType.name(e.type()) + " in EncryptedExtensions");
                    default ->
                            throw new TlsAlertException(
                                    AlertDescription.UNSUPPORTED_EXTENSION,
                                    ExtensionType.name(e.type()) + " was not offered");
                }
            }
            ctx.serverName = ctx.config.serverName();
            ctx.transcript.add(raw);
            return ctx.resumed ? new ExpectFinished(null) : new ExpectCertificateOrRequest();
        }
    }

    /** The one client state that takes two message types: CertificateRequest is optional. */
    static final class ExpectCertificateOrRequest implements State {
        @Override
        public String name() {
            return "ExpectCertificateOrCertificateRequest";
        }

        @Override
        public State handle(HandshakeContext ctx, HandshakeMessage m, byte[] raw)
                throws TlsAlertException {
            if (m instanceof CertificateRequest cr) {
                if (Extension.find(cr.extensions(), Extension.SignatureAlgorithms.class)
                        .isEmpty()) {
                    throw new TlsAlertException(
                            AlertDescription.MISSING_EXTENSION,
                            "CertificateRequest without signature_algorithms");
                }
                ctx.transcript.add(raw);
                return new ExpectCertificate(cr);
            }
            if (m instanceof Certificate) {
                return new ExpectCertificate(null).handle(ctx, m, raw);
            }
            throw TlsAlertException.unexpected(
                    HandshakeType.name(m.handshakeType()) + " in state " + name());
        }
    }

    static final class ExpectCertificate extends Expect<Certificate> {
        private final CertificateRequest request;

        ExpectCertificate(CertificateRequest request) {
            super(Certificate.class);
            this.request = request;
        }

        @Override
        public String name() {
            return "ExpectCertificate";
        }

        @Override
        protected State on(HandshakeContext ctx, Certificate c, byte[] raw)
                throws TlsAlertException {
            if (c.context().length != 0) {
                throw TlsAlertException.illegalParameter(
                        "server Certificate with a request context");
            }
            if (c.entries().isEmpty()) {
                throw TlsAlertException.decodeError("server sent no certificate");
            }
            byte[] staple = stapledResponse(ctx, c);
            List<X509Certificate> chain = Handshakes.parseChain(c);
            Handshakes.validatePeer(ctx, chain, staple);
            ctx.peerCertificates = chain;
            ctx.transcript.add(raw);
            return new ExpectCertificateVerify(request, chain.get(0));
        }

        /**
         * RFC 8446 §4.4.2.1: the OCSP response rides in the CertificateEntry of the certificate it
         * is about; only the leaf's is used (an intermediate's is allowed and ignored). A status
         * extension we did not ask for is unsupported_extension (RFC 8446 §4.4.2: the server's
         * Certificate extensions must answer the ClientHello's).
         */
        private static byte[] stapledResponse(HandshakeContext ctx, Certificate c)
                throws TlsAlertException {
            byte[] staple = null;
            for (int i = 0; i < c.entries().size(); i++) {
                Optional<Extension.CertificateStatus> status =
                        Extension.find(
                                c.entries().get(i).extensions(), Extension.CertificateStatus.class);
                if (status.isEmpty()) {
                    continue;
                }
                if (!ctx.config.requestOcspStapling()) {
                    throw new TlsAlertException(
                            AlertDescription.UNSUPPORTED_EXTENSION,
                            "status_request in a CertificateEntry, not requested");
                }
                if (i == 0) {
                    staple = status.get().ocspResponse();
                }
            }
            return staple;
        }
    }

    static final class ExpectCertificateVerify extends Expect<CertificateVerify> {
        private final CertificateRequest request;
        private final X509Certificate leaf;

        ExpectCertificateVerify(CertificateRequest request, X509Certificate leaf) {
            super(CertificateVerify.class);
            this.request = request;
            this.leaf = leaf;
        }

        @Override
        public String name() {
            return "ExpectCertificateVerify";
        }

        @Override
        protected State on(HandshakeContext ctx, CertificateVerify cv, byte[] raw)
                throws TlsAlertException {
            Handshakes.verifyCertificateVerify(ctx, cv, leaf);
            ctx.transcript.add(raw);
            return new ExpectFinished(request);
        }
    }

    static final class ExpectFinished extends Expect<Finished> {
        private final CertificateRequest request;

        ExpectFinished(CertificateRequest request) {
            super(Finished.class);
            this.request = request;
        }

        @Override
        public String name() {
            return "ExpectFinished";
        }

        @Override
        protected State on(HandshakeContext ctx, Finished f, byte[] raw) throws TlsAlertException {
            Handshakes.verifyFinished(ctx, f, ctx.serverHandshakeSecret);
            ctx.transcript.add(raw);
            Handshakes.deriveApplicationSecrets(ctx);
            ctx.setReadSecret(ctx.serverApplicationSecret);
            ctx.sendChangeCipherSpec();
            if (request != null) {
                List<X509Certificate> chain = ctx.config.certificateChain();
                ctx.send(Handshakes.certificateMessage(request.context(), chain));
                if (!chain.isEmpty()) {
                    ctx.identity = ctx.config.identities().get(0);
                    List<Integer> schemes =
                            Extension.find(
                                            request.extensions(),
                                            Extension.SignatureAlgorithms.class)
                                    .orElseThrow()
                                    .schemes();
                    ctx.send(Handshakes.signCertificateVerify(ctx, schemes));
                }
            }
            ctx.send(Handshakes.finished(ctx, ctx.clientHandshakeSecret));
            ctx.setWriteSecret(ctx.clientApplicationSecret);
            ctx.resumptionMasterSecret =
                    ctx.keySchedule.resumptionMasterSecret(ctx.transcript.currentHash());
            ctx.handshakeComplete = true;
            return new ClientConnected();
        }
    }

    /** Connected, plus NewSessionTicket (RFC 8446 §4.6.1). */
    static final class ClientConnected extends Connected {
        @Override
        public int kind() {
            return CLIENT_CONNECTED;
        }

        @Override
        protected State onOther(HandshakeContext ctx, HandshakeMessage m) throws TlsAlertException {
            if (!(m instanceof NewSessionTicket t)) {
                return super.onOther(ctx, m);
            }
            if (t.lifetime() > 604800) {
                throw TlsAlertException.illegalParameter("ticket lifetime over 7 days");
            }
            if (t.lifetime() > 0) {
                byte[] psk = ctx.keySchedule.resumptionPsk(ctx.resumptionMasterSecret, t.nonce());
                ctx.receivedTickets.add(
                        new ClientSession(
                                t.ticket(),
                                psk,
                                ctx.suite,
                                t.ageAdd(),
                                t.lifetime(),
                                ctx.config.clock().instant(),
                                ctx.config.serverName()));
                Arrays.fill(psk, (byte) 0);
            }
            return this;
        }
    }
}
