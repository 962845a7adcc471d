package io.tlsuite.dashboard.domain;

import java.time.Instant;

/**
 * One handshake in a list: who, what was negotiated, how it ended.
 *
 * @param result {@code in-progress}, {@code ok} or {@code failed}
 * @param durationMicros from the first message to completion or failure, once known
 */
public record HandshakeSummary(
        String id,
        Instant startedAt,
        String transport,
        String peer,
        String version,
        String cipherSuite,
        String group,
        String keyExchange,
        String serverCertificateSerial,
        String sessionId,
        String result,
        String alert,
        Long durationMicros,
        boolean resumed,
        int events) {}
