package io.tlsuite.events.session;

import io.tlsuite.events.EventType;
import java.time.Instant;

/**
 * A session was registered after a successful handshake. Its key material stays in the store.
 *
 * @param clientCertificateSerial the client certificate with mTLS, else null
 */
@EventType("session.created")
public record SessionCreated(
        String sessionId,
        String handshakeId,
        String client,
        String server,
        String version,
        String cipherSuite,
        String serverCertificateSerial,
        String clientCertificateSerial,
        Instant createdAt,
        Instant expiresAt)
        implements SessionEvent {}
