package io.tlsuite.dashboard.domain;

import java.util.List;

/**
 * A handshake drawn as a ladder (a flow graph): one lane per party, one arrow per message or step,
 * in order, and the rest of the session's life after it.
 *
 * @param lanes {@code client}, {@code handshake-service}, {@code CA}, {@code session-store}
 * @param session the session the handshake made, once known
 */
public record Ladder(
        HandshakeSummary handshake,
        SessionView session,
        List<String> lanes,
        List<LadderArrow> arrows) {

    public static final List<String> LANES =
            List.of("client", "handshake-service", "CA", "session-store");
}
