package io.tlsuite.handshake.tls;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections open at once per client address, so one client cannot hold the whole pool of the TLS
 * port ({@code handshake.tls.max-connections-per-address}). A {@link Permit} is taken at accept and
 * given back when the connection ends.
 */
final class PerAddressLimit {

    /** One admitted connection; {@link #release()} once, when it ends. */
    interface Permit {
        void release();
    }

    private final int max;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();

    PerAddressLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max-connections-per-address must be at least 1");
        }
        this.max = max;
    }

    /** A permit, or empty when {@code address} already has the most connections allowed. */
    Optional<Permit> admit(InetAddress address) {
        boolean[] admitted = {false};
        open.compute(
                address,
                (a, count) -> {
                    AtomicInteger c = count == null ? new AtomicInteger() : count;
                    if (c.get() < max) {
                        c.incrementAndGet();
                        admitted[0] = true;
                    }
                    return c;
                });
        if (!admitted[0]) {
            return Optional.empty();
        }
        return Optional.of(new OnePermit(address));
    }

    /** Connections open now from {@code address}. */
    int openFrom(InetAddress address) {
        AtomicInteger c = open.get(address);
        return c == null ? 0 : c.get();
    }

    private final class OnePermit implements Permit {
        private final InetAddress address;
        private boolean released;

        OnePermit(InetAddress address) {
            this.address = address;
        }

        @Override
        public synchronized void release() {
            if (released) {
                return;
            }
            released = true;
            // The entry goes when its last connection ends: the map holds live addresses only.
            open.computeIfPresent(address, (a, c) -> c.decrementAndGet() == 0 ? null : c);
        }
    }
}
