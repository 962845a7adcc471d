package io.tlsuite.dashboard.domain;

import java.time.Instant;
import java.util.List;

/**
 * A session as the sessions table shows it.
 *
 * @param state {@code live}, {@code closed}, {@code expired} or {@code terminated}
 * @param keysDestroyed whether the store reported its keys zeroised ({@code
 *     session.keys-destroyed})
 * @param endReason who closed it, or why it was terminated (e.g. {@code certificate-revoked})
 * @param resumedFrom the session this one resumed, if any
 * @param resumedInto the sessions resumed from this one
 */
public record SessionView(
        String id,
        String handshakeId,
        String state,
        boolean keysDestroyed,
        String client,
        String server,
        String version,
        String cipherSuite,
        String serverCertificateSerial,
        String clientCertificateSerial,
        Instant createdAt,
        Instant expiresAt,
        Instant endedAt,
        String endReason,
        Instant keysDestroyedAt,
        long bytesZeroised,
        String resumedFrom,
        List<String> resumedInto,
        long messagesSent,
        long messagesReceived,
        long bytesSent,
        long bytesReceived) {}
