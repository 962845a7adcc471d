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
 */
public record FlightResult(
        String handshakeId,
        String state,
        byte[] records,
        List<Map<String, Object>> messages,
        String sessionId,
        Map<String, Object> negotiated,
        Map<String, Object> alert) {}
