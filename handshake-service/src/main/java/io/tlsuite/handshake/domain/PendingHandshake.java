package io.tlsuite.handshake.domain;

import io.tlsuite.handshake.events.HandshakeEventRecorder;
import io.tlsuite.protocol.TlsEngine;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** A REST handshake between its flights: the engine, its event recorder and what it has seen. */
final class PendingHandshake {
    final String id;
    final ServerEngines.Handle handle;
    final TlsEngine engine;
    final HandshakeEventRecorder recorder;
    final MessageLog log;
    final HeldEvents events;
    final String peer;
    final long startedAtMillis;

    /** The client that started it: every later flight must present its secret. */
    final ClientBinding binding;

    /**
     * SHA-256 of every flight fed to the engine, to answer a replayed flight without feeding it.
     */
    final Set<String> flights = ConcurrentHashMap.newKeySet();

    final ReentrantLock lock = new ReentrantLock();

    /** The engine state version this engine is at (0: not stored yet). */
    volatile long version;

    /**
     * Under {@link #lock}: the step in progress runs on the cached engine without the store having
     * confirmed it current (see {@link StaleCopy}).
     */
    boolean unconfirmed;

    /**
     * This replica resumed the engine from the store (another replica had served it): the client's
     * requests move between replicas, so the next one asks the store before using this copy.
     */
    volatile boolean resumedHere;

    PendingHandshake(
            String id,
            ServerEngines.Handle handle,
            HandshakeEventRecorder recorder,
            MessageLog log,
            HeldEvents events,
            String peer,
            long startedAtMillis,
            ClientBinding binding,
            long version) {
        this.id = id;
        this.binding = binding;
        this.handle = handle;
        this.engine = handle.engine;
        this.recorder = recorder;
        this.log = log;
        this.events = events;
        this.peer = peer;
        this.startedAtMillis = startedAtMillis;
        this.version = version;
    }

    /** Remembers a flight; false when the same bytes were seen before. */
    boolean firstTimeSeen(byte[] flight) {
        return flights.add(digest(flight));
    }

    static String digest(byte[] flight) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(flight));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
