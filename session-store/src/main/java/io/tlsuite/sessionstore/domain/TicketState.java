package io.tlsuite.sessionstore.domain;

/** Where a resumption ticket is in its life. Only a {@link #VALID} ticket holds its secret. */
public enum TicketState {
    VALID,
    /** Every allowed use was spent (single use by default). */
    USED,
    /** Outlived its lifetime. */
    EXPIRED,
    /** Its session ended (closed, expired or terminated), so it can no longer resume anything. */
    WITHDRAWN;

    public String cause() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
