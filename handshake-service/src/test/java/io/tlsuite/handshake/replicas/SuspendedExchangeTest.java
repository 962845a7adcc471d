package io.tlsuite.handshake.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuspendedExchangeTest {

    static SuspendedExchange sample(byte[] engine) {
        return new SuspendedExchange(
                "hs-1",
                "s-1",
                "10.0.0.1:5000",
                1_700_000_000_123L,
                null,
                "SHA-384",
                "ExpectClientFinished",
                "replica-ä",
                List.of(new byte[32], new byte[] {1, 2, 3}),
                engine);
    }

    @Test
    void roundTripsEveryField() {
        SuspendedExchange x = sample(new byte[] {7, 7, 7});
        SuspendedExchange back = SuspendedExchange.decode(x.encode());
        assertThat(back.handshakeId()).isEqualTo("hs-1");
        assertThat(back.sessionId()).isEqualTo("s-1");
        assertThat(back.peer()).isEqualTo("10.0.0.1:5000");
        assertThat(back.startedAtMillis()).isEqualTo(1_700_000_000_123L);
        assertThat(back.resumedFrom()).isNull();
        assertThat(back.transcriptHash()).isEqualTo("SHA-384");
        assertThat(back.engineState()).isEqualTo("ExpectClientFinished");
        assertThat(back.holder()).isEqualTo("replica-ä");
        assertThat(back.flightDigests()).hasSize(2);
        assertThat(back.flightDigests().get(1)).containsExactly(1, 2, 3);
        assertThat(back.engine()).containsExactly(7, 7, 7);
    }

    @Test
    void anEngineThatCannotMoveIsStoredAsAbsent() {
        assertThat(SuspendedExchange.decode(sample(null).encode()).engine()).isNull();
    }

    @Test
    void wipesTheEngineAndNeverPrintsIt() {
        byte[] engine = {42, 42};
        SuspendedExchange x = sample(engine);
        assertThat(x.toString()).doesNotContain("42").contains("redacted");
        x.wipe();
        assertThat(engine).containsOnly(0);
    }

    @Test
    void truncatedOrForeignBytesAreRefused() {
        byte[] full = sample(new byte[] {1}).encode();
        for (int cut = 0; cut < full.length; cut++) {
            byte[] part = Arrays.copyOf(full, cut);
            assertThatThrownBy(() -> SuspendedExchange.decode(part))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        full[0] = 9;
        assertThatThrownBy(() -> SuspendedExchange.decode(full))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
