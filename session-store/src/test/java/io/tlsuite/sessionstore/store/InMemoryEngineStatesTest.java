package io.tlsuite.sessionstore.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.sessionstore.domain.EngineStateBackend;
import io.tlsuite.sessionstore.domain.EngineStateKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryEngineStatesTest extends EngineStatesContract {

    @Override
    protected EngineStateBackend newBackend() {
        return new InMemoryEngineStateBackend();
    }

    @Test
    void tombstonesAreDeletedAfterTheirRetention() {
        String id = id();
        states.create(id, EngineStateKind.HANDSHAKE, bytes("a"), TTL);
        states.end(id, 1L, "complete");
        clock.advance(Duration.ofMinutes(15).plusMillis(1));
        states.sweep();
        assertThat(backend.find(id, clock.instant())).isEmpty();
        assertThat(backend.live()).isZero();
    }
}
