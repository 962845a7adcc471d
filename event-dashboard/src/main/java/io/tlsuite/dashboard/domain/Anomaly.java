package io.tlsuite.dashboard.domain;

import java.time.Instant;

/**
 * Something a person watching the suite should look at. Each anomaly names the filter that shows
 * its events, so the page can narrow every view to it with one click.
 *
 * @param kind {@code handshake-failed}, {@code certificate-revoked}, {@code certificate-expired},
 *     {@code certificate-invalid}, {@code downgrade-attempt}, {@code resumption-miss}, {@code
 *     keys-access-denied} or {@code session-terminated}
 */
public record Anomaly(
        long sequence,
        Instant time,
        String kind,
        String detail,
        String handshakeId,
        String sessionId,
        String serial,
        String alert) {}
