package io.tlsuite.dashboard.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One arrow of a ladder. {@code from} equals {@code to} for a step inside one party (keys derived,
 * keys destroyed).
 *
 * @param message what went across, e.g. {@code ClientHello}, {@code close_notify}
 * @param elapsedMicros time since the handshake started, from the handshake's own clock, when the
 *     event carries it
 * @param deltaMicros time since the previous arrow
 * @param alert true for a TLS alert or another failure (drawn red)
 * @param context true for a fact that happened before the handshake (the certificate's issue)
 * @param fields the decoded fields, exactly as the event carried them
 * @param rawHex the message's bytes on the wire, when the event carries them
 */
public record LadderArrow(
        long sequence,
        String eventType,
        String from,
        String to,
        String message,
        String note,
        Instant time,
        Long elapsedMicros,
        Long deltaMicros,
        boolean alert,
        boolean context,
        ObjectNode fields,
        String rawHex) {}
