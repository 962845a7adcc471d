package io.tlsuite.handshake.sessions;

import io.tlsuite.protocol.SessionSecrets;
import java.time.Instant;

/**
 * A session that a handshake just established, as the session store registers it. {@code secrets}
 * is a copy owned by the registration: the registry destroys it once sent (or at once when there is
 * no store). Never logged: {@link #toString()} leaves it out.
 */
public record CompletedSession(
        String sessionId,
        String handshakeId,
        String client,
        String server,
        String protocolVersion,
        String cipherSuite,
        String serverCertificateSerial,
        String clientCertificateSerial,
        String resumedFrom,
        Instant createdAt,
        SessionSecrets secrets) {

    @Override
    public String toString() {
        return "CompletedSession[" + sessionId + ", " + cipherSuite + ", secrets redacted]";
    }
}
