package io.tlsuite.handshake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.resumption.ResumptionState;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sealed tickets: each opens once per replica, until it expires; forgetting never reopens one. */
class SealedTicketStoreTest {
    static final Instant T0 = Instant.parse("2026-12-02T20:00:00Z");

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final MovingClock clock = new MovingClock();
    final SealedTicketStore store = new SealedTicketStore(key(), clock);

    static byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    byte[] ticketIssuedNow(long lifetimeSeconds) {
        return store.issue(
                new ResumptionState(
                        new byte[32],
                        CipherSuite.TLS_AES_128_GCM_SHA256,
                        clock.now,
                        lifetimeSeconds,
                        7,
                        Optional.empty(),
                        Optional.of("localhost"),
                        List.of()));
    }

    @Test
    void aTicketOpensOnceUntilItExpires() {
        byte[] t = ticketIssuedNow(3600);
        assertThat(store.open(t)).isPresent();
        assertThat(store.open(t)).as("a replay").isEmpty();
        byte[] late = ticketIssuedNow(3600);
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertThat(store.open(late)).as("expired").isEmpty();
    }

    @Test
    void forgettingExpiredRedemptionsNeverReopensAValidTicket() {
        // Redeemed in this order: a ticket that expires first, one still valid after it, then one
        // that expires before the second (its expiry sits behind a valid entry).
        byte[] early = ticketIssuedNow(3600);
        clock.now = T0.plus(Duration.ofMinutes(50));
        byte[] valid = ticketIssuedNow(3600);
        byte[] shortLived = ticketIssuedNow(60);
        assertThat(store.open(early)).isPresent();
        assertThat(store.open(valid)).isPresent();
        assertThat(store.open(shortLived)).isPresent();

        // Past the first and third expiry: a new redemption forgets what expired at the head.
        clock.now = T0.plus(Duration.ofMinutes(65));
        assertThat(store.open(ticketIssuedNow(3600))).isPresent();
        assertThat(store.open(valid)).as("a replay of a ticket still valid").isEmpty();
        assertThat(store.open(early)).as("expired").isEmpty();
        assertThat(store.open(shortLived)).as("expired").isEmpty();
        // And again after many more redemptions.
        for (int i = 0; i < 1000; i++) {
            assertThat(store.open(ticketIssuedNow(3600))).isPresent();
        }
        assertThat(store.open(valid)).isEmpty();
    }
}
