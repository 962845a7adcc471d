package io.tlsuite.handshake.domain;

import io.tlsuite.handshake.events.HandshakeEventRecorder;
import io.tlsuite.handshake.replicas.SuspendedExchange;
import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.config.TlsListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Turns a REST handshake's or session's engine into the bytes another replica resumes from, and
 * back: the suspended engine plus what goes with it (ids, peer, start, recorder state, flight
 * digests, the replica that holds it when the engine cannot move). The bytes hold secrets: callers
 * zeroise them.
 */
@ApplicationScoped
class EngineSnapshots {
    private static final Logger LOG = Logger.getLogger(EngineSnapshots.class);

    @Inject ServerEngines engines;

    /** A handshake's suspended engine and what goes with it, with these flight digests. */
    byte[] take(PendingHandshake p, Set<String> flights) {
        return take(p.id, p.handle, p.peer, p.startedAtMillis, p.binding, p.recorder, flights);
    }

    /** The suspended engine and what goes with it. */
    byte[] take(
            String handshakeId,
            ServerEngines.Handle handle,
            String peer,
            long startedAtMillis,
            ClientBinding binding,
            HandshakeEventRecorder recorder,
            Set<String> flights) {
        byte[] engine;
        try {
            engine = handle.engine.suspend();
        } catch (IllegalStateException e) {
            // A state the engine cannot suspend (e.g. TLS 1.2 RSA key transport before the key
            // exchange): only this replica continues it, and the others are told so (421).
            engine = null;
        }
        List<byte[]> digests = new ArrayList<>();
        for (String d : flights) {
            digests.add(HexFormat.of().parseHex(d));
        }
        SuspendedExchange x =
                new SuspendedExchange(
                        handshakeId,
                        handle.sessionId,
                        peer,
                        startedAtMillis,
                        handle.resumedFrom(),
                        recorder == null ? null : recorder.transcriptHash(),
                        handle.engine.stateName(),
                        engines.instance(),
                        handle.clientAuth.name(),
                        binding == null ? null : binding.stored(),
                        digests,
                        engine);
        try {
            return x.encode();
        } finally {
            x.wipe();
        }
    }

    /** The stored exchange; the caller wipes it. */
    SuspendedExchange read(byte[] stored) {
        try {
            return SuspendedExchange.decode(stored);
        } catch (IllegalArgumentException e) {
            throw RestProblems.stateUnreadable("this engine state");
        }
    }

    /** A live engine from a stored exchange, or a 421 when only its holder can go on. */
    ServerEngines.Handle resume(
            TlsListener listener, String sessionId, SuspendedExchange x, String what) {
        if (x.engine() == null) {
            throw RestProblems.heldByAnotherReplica(x.holder(), what);
        }
        try {
            return engines.resumeEngine(
                            listener,
                            sessionId,
                            x.resumedFrom(),
                            x.engine(),
                            x.clientAuth() == null ? null : ClientAuth.valueOf(x.clientAuth()))
                    .orElseThrow(RestProblems::notEnrolled);
        } catch (IllegalArgumentException e) {
            LOG.warnf("the stored engine of %s does not resume here: %s", what, e.getMessage());
            throw RestProblems.stateUnreadable(what);
        }
    }
}
