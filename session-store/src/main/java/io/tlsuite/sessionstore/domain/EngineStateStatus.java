package io.tlsuite.sessionstore.domain;

/** Life of an engine state: only an active one holds (sealed) bytes. */
public enum EngineStateStatus {
    ACTIVE,
    /** Ended by its holder (handshake complete or failed, session closed). */
    ENDED,
    /** Not written again within its time to live. */
    EXPIRED
}
