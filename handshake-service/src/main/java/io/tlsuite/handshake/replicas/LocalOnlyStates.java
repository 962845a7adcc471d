package io.tlsuite.handshake.replicas;

import java.time.Duration;

/** No session store: nothing leaves this replica, every write "wins" without doing anything. */
public final class LocalOnlyStates implements EngineStateStore {

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public Fetch fetch(String id, long heldVersion) {
        return new Fetch.Missing();
    }

    @Override
    public Write create(String id, Kind kind, byte[] state, Duration ttl) {
        return new Write(Outcome.WON, 1);
    }

    @Override
    public Write replace(String id, long version, Kind kind, byte[] state, Duration ttl) {
        return new Write(Outcome.WON, version + 1);
    }

    @Override
    public Write end(String id, long version, String reason) {
        return new Write(Outcome.WON, version + 1);
    }
}
