package io.tlsuite.handshake.domain;

import io.tlsuite.protocol.resumption.ResumptionState;
import io.tlsuite.protocol.resumption.TicketStore;
import java.util.Optional;

/**
 * The ticket store one engine sees: the shared {@link SealedTicketStore}, plus which session this
 * connection will be and which session a redeemed ticket came from ("resumed from").
 */
final class EngineTickets implements TicketStore {
    private final SealedTicketStore shared;
    private final String sessionId;
    private volatile String resumedFrom;

    EngineTickets(SealedTicketStore shared, String sessionId) {
        this(shared, sessionId, null);
    }

    /** For an engine resumed on this replica: the origin a ticket redeemed earlier named. */
    EngineTickets(SealedTicketStore shared, String sessionId, String resumedFrom) {
        this.shared = shared;
        this.sessionId = sessionId;
        this.resumedFrom = resumedFrom;
    }

    @Override
    public byte[] issue(ResumptionState state) {
        return shared.issue(state, sessionId);
    }

    @Override
    public boolean supportsSessionIds() {
        return true;
    }

    @Override
    public void storeUnderId(byte[] id, ResumptionState state) {
        shared.storeUnderId(id, state, sessionId);
    }

    @Override
    public Optional<ResumptionState> redeem(byte[] ticket) {
        Optional<SealedTicketStore.Redeemed> r = shared.openTicketOrId(ticket);
        r.ifPresent(x -> resumedFrom = x.originSessionId());
        return r.map(SealedTicketStore.Redeemed::state);
    }

    String resumedFrom() {
        return resumedFrom;
    }
}
