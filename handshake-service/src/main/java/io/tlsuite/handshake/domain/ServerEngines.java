package io.tlsuite.handshake.domain;

import io.tlsuite.handshake.HandshakeConfig;
import io.tlsuite.handshake.events.HandshakeEventRecorder;
import io.tlsuite.handshake.events.HandshakeOutcomes;
import io.tlsuite.handshake.events.RevokedCertificates;
import io.tlsuite.handshake.events.TlsNames;
import io.tlsuite.handshake.identity.IdentityEnrolment;
import io.tlsuite.handshake.identity.ServerIdentity;
import io.tlsuite.handshake.sessions.CompletedSession;
import io.tlsuite.handshake.sessions.SessionRegistry;
import io.tlsuite.protocol.Negotiated;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.config.OcspStapling;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.config.TlsListener;
import io.tlsuite.service.events.BufferedEventPublisher;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the server engines of both transports (the TLS port and REST flights) from the current
 * identity, and does what follows a completed handshake: the session id, the completion event and
 * the registration in the session store. The engine configuration is rebuilt whenever the identity
 * changes (renewal, re-enrolment); engines already running keep the one they started with.
 */
@ApplicationScoped
public class ServerEngines {

    @Inject IdentityEnrolment enrolment;
    @Inject HandshakeConfig config;
    @Inject BufferedEventPublisher events;
    @Inject HandshakeOutcomes outcomes;
    @Inject SessionRegistry sessions;
    @Inject RevokedCertificates revoked;
    @Inject OcspStapling stapling;

    @ConfigProperty(name = "tlsuite.instance")
    String instance;

    private SealedTicketStore tickets;
    private ProtocolVersion[] versions;
    private volatile TlsConfig base;
    private volatile ClientAuth configuredAuth = ClientAuth.NONE;
    private volatile ServerIdentity identity;

    /**
     * A server engine with the session id it will establish, its view of the tickets and the client
     * authentication it demands (kept with a suspended engine, so another replica demands the
     * same).
     */
    public static final class Handle {
        public final TlsEngine engine;
        public final String sessionId;
        public final ClientAuth clientAuth;
        final EngineTickets tickets;

        Handle(TlsEngine engine, String sessionId, EngineTickets tickets, ClientAuth clientAuth) {
            this.engine = engine;
            this.sessionId = sessionId;
            this.tickets = tickets;
            this.clientAuth = clientAuth;
        }

        /** The session a redeemed ticket came from, if this handshake resumes one. */
        public String resumedFrom() {
            return tickets.resumedFrom();
        }
    }

    @PostConstruct
    void init() {
        // Parsed once: a typo in handshake.tls.versions fails the start, not the first handshake.
        versions =
                config.tls().versions().stream()
                        .map(TlsNames::negotiableVersion)
                        .distinct()
                        .toArray(ProtocolVersion[]::new);
        tickets =
                new SealedTicketStore(
                        SealedTicketStore.loadOrCreateKey(
                                java.nio.file.Path.of(config.tls().ticketKeyFile())),
                        Clock.systemUTC());
        enrolment.onChange(this::rebuild);
    }

    private void rebuild(ServerIdentity id) {
        ClientAuth auth =
                ClientAuth.valueOf(config.tls().clientAuth().trim().toUpperCase(Locale.ROOT));
        // RFC 8446 §4.4.2.4: with mTLS, the client's chain must lead to the suite's root and not be
        // revoked (certificate.revoked events seen on tls.certificates).
        TlsConfig.Builder b =
                TlsConfig.builder()
                        .versions(versions)
                        .ticketLifetimeSeconds(config.tls().ticketLifetimeSeconds())
                        .requireExtendedMasterSecret(config.tls12().requireEms())
                        .requireSecureRenegotiation(config.tls12().requireSecureRenegotiation())
                        .clientAuth(auth)
                        .ocspStapling(stapling)
                        .certificateValidator(
                                new PkixCertificateValidator(
                                        TrustStore.of(id.root()),
                                        Clock.systemUTC(),
                                        revoked,
                                        false));
        // Every enrolled credential, primary first: the engine picks per handshake the first whose
        // certificate fits the client (signature_algorithms; in TLS 1.2 the suite's key exchange).
        for (ServerIdentity.Credential c : id.credentials()) {
            b.addCertificate(c.chain(), c.privateKey());
        }
        base = b.build();
        configuredAuth = auth;
        identity = id;
    }

    public boolean ready() {
        return base != null;
    }

    public Optional<ServerIdentity> identity() {
        return Optional.ofNullable(identity);
    }

    /** A new server engine reporting to {@code listener}, or empty while not enrolled. */
    public Optional<Handle> newEngine(TlsListener listener) {
        return newEngine(listener, null);
    }

    /**
     * A new server engine that demands at least {@code requested} client authentication (null: what
     * {@code handshake.tls.client-auth} says). A request can only make it stricter: a client asking
     * for {@code none} on a service configured {@code required} still has to present a certificate.
     */
    public Optional<Handle> newEngine(TlsListener listener, ClientAuth requested) {
        TlsConfig c = base;
        if (c == null) {
            return Optional.empty();
        }
        ClientAuth auth = stricter(configuredAuth, requested);
        String sessionId = UUID.randomUUID().toString();
        EngineTickets t = new EngineTickets(tickets, sessionId);
        return Optional.of(
                new Handle(
                        TlsEngine.server(
                                c.toBuilder()
                                        .listener(listener)
                                        .ticketStore(t)
                                        .clientAuth(auth)
                                        .build()),
                        sessionId,
                        t,
                        auth));
    }

    static ClientAuth stricter(ClientAuth a, ClientAuth b) {
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * An engine continued from a snapshot taken by {@code TlsEngine.suspend()} (on this replica or
     * another), or empty while not enrolled. The snapshot stays the caller's (to zeroise).
     *
     * @throws IllegalArgumentException when the snapshot does not resume
     */
    public Optional<Handle> resumeEngine(
            TlsListener listener,
            String sessionId,
            String resumedFrom,
            byte[] snapshot,
            ClientAuth clientAuth) {
        TlsConfig c = base;
        if (c == null) {
            return Optional.empty();
        }
        ClientAuth auth = stricter(configuredAuth, clientAuth);
        EngineTickets t = new EngineTickets(tickets, sessionId, resumedFrom);
        return Optional.of(
                new Handle(
                        TlsEngine.resume(
                                c.toBuilder()
                                        .listener(listener)
                                        .ticketStore(t)
                                        .clientAuth(auth)
                                        .build(),
                                snapshot),
                        sessionId,
                        t,
                        auth));
    }

    public String instance() {
        return instance;
    }

    public void publish(io.tlsuite.events.LifecycleEvent event) {
        outcomes.record(event);
        events.publish(event);
    }

    /**
     * After the handshake completed: a session id, the completion event, the registration (with a
     * copy of the secrets that the registry destroys once sent).
     */
    public String completed(Handle handle, HandshakeEventRecorder recorder, String peer) {
        TlsEngine engine = handle.engine;
        String sessionId = handle.sessionId;
        Negotiated n = engine.negotiated().orElseThrow();
        recorder.completed(sessionId, n);
        ServerIdentity id = identity;
        String clientSerial =
                n.peerCertificates().isEmpty()
                        ? null
                        : n.peerCertificates().get(0).getSerialNumber().toString(16);
        sessions.registered(
                new CompletedSession(
                        sessionId,
                        recorder.handshakeId(),
                        peer,
                        "handshake-service/" + instance,
                        TlsNames.protocol(n.version()),
                        n.cipherSuite().name(),
                        id == null ? "0" : id.serial(),
                        clientSerial,
                        n.resumed() ? handle.tickets.resumedFrom() : null,
                        Instant.now(),
                        engine.sessionSecrets()));
        return sessionId;
    }

    public void closed(String sessionId, String closedBy, String reason) {
        sessions.closed(sessionId, closedBy, reason);
    }
}
