package io.tlsuite.handshake.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuspendedExchangeTest {
    static final String BINDING = "ab".repeat(32);

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
                "REQUIRED",
                BINDING,
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
        assertThat(back.clientAuth()).isEqualTo("REQUIRED");
        assertThat(back.clientBinding()).isEqualTo(BINDING);
        assertThat(back.flightDigests()).hasSize(2);
        assertThat(back.flightDigests().get(1)).containsExactly(1, 2, 3);
        assertThat(back.engine()).containsExactly(7, 7, 7);
    }

    /** The encoding without the string that starts at {@code offset}, as format {@code format}. */
    static byte[] without(byte[] encoded, int offset, int stringLength, int format) {
        int cut = 2 + stringLength;
        byte[] older = new byte[encoded.length - cut];
        System.arraycopy(encoded, 0, older, 0, offset);
        System.arraycopy(encoded, offset + cut, older, offset, encoded.length - offset - cut);
        older[0] = (byte) format;
        return older;
    }

    @Test
    void aStateStoredBeforeMutualTlsOverRestReadsWithoutClientAuthentication() {
        SuspendedExchange x = sample(new byte[] {5});
        byte[] v3 = x.encode();
        // Format 2 is format 3 without the clientBinding string after the clientAuth; format 1
        // is format 2 without the clientAuth string after the holder.
        int holderEnd =
                1
                        + (2 + "hs-1".length())
                        + (2 + "s-1".length())
                        + (2 + "10.0.0.1:5000".length())
                        + 8
                        + 2
                        + (2 + "SHA-384".length())
                        + (2 + "ExpectClientFinished".length())
                        + (2 + "replica-ä".getBytes(StandardCharsets.UTF_8).length);
        int authEnd = holderEnd + 2 + "REQUIRED".length();
        byte[] v2 = without(v3, authEnd, BINDING.length(), 2);
        SuspendedExchange two = SuspendedExchange.decode(v2);
        assertThat(two.clientAuth()).isEqualTo("REQUIRED");
        assertThat(two.clientBinding()).isNull();
        assertThat(two.engine()).containsExactly(5);
        byte[] v1 = without(v2, holderEnd, "REQUIRED".length(), 1);
        SuspendedExchange back = SuspendedExchange.decode(v1);
        assertThat(back.holder()).isEqualTo("replica-ä");
        assertThat(back.clientAuth()).isNull();
        assertThat(back.flightDigests()).hasSize(2);
        assertThat(back.engine()).containsExactly(5);
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
