package io.tlsuite.sessionstore.domain;

import java.util.Locale;
import java.util.Optional;

/** How a client asks to resume: the value of the {@code method} of {@code session.resumed}. */
public enum TicketKind {
    /** TLS 1.3 pre-shared key identity from a NewSessionTicket (RFC 8446 §4.6.1, §4.2.11). */
    PSK("psk"),
    /** TLS 1.2 session ticket (RFC 5077). */
    TICKET("ticket"),
    /** TLS 1.2 session id (RFC 5246 §7.4.1.2). */
    SESSION_ID("session-id");

    private final String wireName;

    TicketKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<TicketKind> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (TicketKind kind : values()) {
            if (kind.wireName.equals(v) || kind.name().equalsIgnoreCase(v)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
