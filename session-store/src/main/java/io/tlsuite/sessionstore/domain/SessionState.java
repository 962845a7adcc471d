package io.tlsuite.sessionstore.domain;

/** Where a session is in its life. Only an {@link #ACTIVE} session holds key material. */
public enum SessionState {
    ACTIVE,
    /** Closed by a party (close_notify) or an operator. */
    CLOSED,
    /** Outlived its lifetime and was removed by the sweep. */
    EXPIRED,
    /** Ended by force, e.g. because a certificate it used was revoked. */
    TERMINATED;

    /** The cause name used in {@code session.keys-destroyed} events and metrics. */
    public String cause() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
