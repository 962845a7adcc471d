package io.tlsuite.protocol.resumption;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TicketStore} in a map: random 32-byte tickets, single use, expired entries refused; TLS
 * 1.2 session ids too.
 */
public final class InMemoryTicketStore implements TicketStore {
    private final Map<String, ResumptionState> states = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public InMemoryTicketStore() {
        this(Clock.systemUTC());
    }

    public InMemoryTicketStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public byte[] issue(ResumptionState state) {
        byte[] ticket = new byte[32];
        random.nextBytes(ticket);
        states.put(HexFormat.of().formatHex(ticket), state);
        return ticket;
    }

    @Override
    public boolean supportsSessionIds() {
        return true;
    }

    @Override
    public void storeUnderId(byte[] sessionId, ResumptionState state) {
        states.put(HexFormat.of().formatHex(sessionId), state);
    }

    @Override
    public Optional<ResumptionState> redeem(byte[] ticket) {
        ResumptionState s = states.remove(HexFormat.of().formatHex(ticket));
        if (s == null || s.isExpired(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(s);
    }

    public int size() {
        return states.size();
    }
}
