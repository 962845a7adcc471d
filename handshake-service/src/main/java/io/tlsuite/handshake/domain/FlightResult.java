package io.tlsuite.handshake.domain;

import java.util.List;
import java.util.Map;

/**
 * What one REST step produced.
 *
 * @param state {@code in-progress}, {@code complete}, {@code open} or {@code closed}
 * @param records the server's TLS records for the client, raw
 * @param messages decoded view of every handshake message received and sent in this step
 * @param sessionId set once the handshake completed
 * @param negotiated version, suite, group, resumed: set once the handshake completed
 * @param clientSecret set on the first step only: the secret every later step of this handshake and
 *     of its session must present ({@link ClientBinding})
 */
public record FlightResult(
        String handshakeId,
        String state,
        byte[] records,
        List<Map<String, Object>> messages,
        String sessionId,
        Map<String, Object> negotiated,
        Map<String, Object> alert,
        String clientSecret) {

    public FlightResult(
            String handshakeId,
            String state,
            byte[] records,
            List<Map<String, Object>> messages,
            String sessionId,
            Map<String, Object> negotiated,
            Map<String, Object> alert) {
        this(handshakeId, state, records, messages, sessionId, negotiated, alert, null);
    }

    /** The same result, carrying the secret the first step hands to its client. */
    FlightResult withClientSecret(String secret) {
        return new FlightResult(
                handshakeId, state, records, messages, sessionId, negotiated, alert, secret);
    }

    @Override
    public String toString() {
        return "FlightResult[handshake=" + handshakeId + ", state=" + state + "]";
    }
}
