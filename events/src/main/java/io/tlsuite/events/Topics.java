package io.tlsuite.events;

import java.util.List;

/** Kafka topics of the suite: one per aggregate; the record key is always the aggregate id. */
public final class Topics {
    /** Certificate lifecycle, keyed by certificate serial (hex). */
    public static final String CERTIFICATES = "tls.certificates";

    /** Handshake steps, keyed by handshake id. */
    public static final String HANDSHAKES = "tls.handshakes";

    /** Session lifecycle, keyed by session id. */
    public static final String SESSIONS = "tls.sessions";

    /** Client agent runs, keyed by run id. */
    public static final String AGENTS = "tls.agents";

    public static final List<String> ALL = List.of(CERTIFICATES, HANDSHAKES, SESSIONS, AGENTS);

    private Topics() {}
}
