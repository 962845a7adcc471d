package io.tlsuite.handshake.domain;

import io.tlsuite.protocol.TlsEngine;
import java.util.concurrent.locks.ReentrantLock;

/** A REST session a completed handshake opened: its engine, between requests. */
final class OpenSession {
    final String id;
    final String handshakeId;
    final ServerEngines.Handle handle;
    final TlsEngine engine;
    final String peer;
    final long startedAtMillis;

    /** The client whose handshake opened it: every request must present its secret. */
    final ClientBinding binding;

    volatile long lastUsedNanos = System.nanoTime();
    final ReentrantLock lock = new ReentrantLock();

    /** The engine state version this engine is at (0: not stored). */
    volatile long version;

    /** The store did not take its state: only this replica can serve it. */
    volatile boolean localOnly;

    /**
     * Under {@link #lock}: the request in progress runs on the cached engine without the store
     * having confirmed it current (see {@link StaleCopy}).
     */
    boolean unconfirmed;

    /**
     * This replica resumed the engine from the store (another replica had served it): the client's
     * requests move between replicas, so the next one asks the store before using this copy.
     */
    volatile boolean resumedHere;

    OpenSession(
            String id,
            String handshakeId,
            ServerEngines.Handle handle,
            String peer,
            long startedAtMillis,
            ClientBinding binding,
            long version) {
        this.id = id;
        this.binding = binding;
        this.handshakeId = handshakeId;
        this.handle = handle;
        this.engine = handle.engine;
        this.peer = peer;
        this.startedAtMillis = startedAtMillis;
        this.version = version;
    }
}
