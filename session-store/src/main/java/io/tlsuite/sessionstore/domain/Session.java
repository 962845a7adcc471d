package io.tlsuite.sessionstore.domain;

import java.time.Instant;

/**
 * The metadata of one session: everything but its keys. Safe to log, to return to anyone and to put
 * in events.
 *
 * @param clientCertificateSerial the client certificate with mutual TLS, else null
 * @param resumedFrom the session this one was resumed from, else null
 * @param resumptionMethod {@code psk}, {@code ticket} or {@code session-id} when resumed, else null
 * @param keyCount how many named keys the session holds (or held, once ended)
 * @param keyBytes their total length in bytes
 * @param endedAt when the session left {@link SessionState#ACTIVE}, else null
 * @param endReason why it ended, e.g. {@code close_notify} or the revoked serial, else null
 */
public record Session(
        String id,
        String handshakeId,
        String client,
        String server,
        String protocolVersion,
        String cipherSuite,
        String serverCertificateSerial,
        String clientCertificateSerial,
        Instant createdAt,
        Instant expiresAt,
        String resumedFrom,
        String resumptionMethod,
        int keyCount,
        int keyBytes,
        SessionState state,
        Instant endedAt,
        String endReason) {

    public boolean isActive() {
        return state == SessionState.ACTIVE;
    }

    public boolean usesCertificate(String serial) {
        return serial.equalsIgnoreCase(serverCertificateSerial)
                || serial.equalsIgnoreCase(clientCertificateSerial);
    }

    /** This session after it ended. */
    public Session ended(SessionState newState, Instant at, String reason) {
        return new Session(
                id,
                handshakeId,
                client,
                server,
                protocolVersion,
                cipherSuite,
                serverCertificateSerial,
                clientCertificateSerial,
                createdAt,
                expiresAt,
                resumedFrom,
                resumptionMethod,
                keyCount,
                keyBytes,
                newState,
                at,
                reason);
    }
}
