package io.tlsuite.protocol.resumption;

import io.tlsuite.protocol.crypto.CipherSuite;
import java.time.Instant;
import java.util.Arrays;

/**
 * What a client keeps from a NewSessionTicket to resume later (RFC 8446 §4.6.1): the opaque ticket
 * and the PSK derived from it. Holds a secret: {@code toString} redacts it; {@link #destroy()}
 * zeroises.
 */
public final class ClientSession {
    private final byte[] ticket;
    private final byte[] psk;
    private final CipherSuite cipherSuite;
    private final long ageAdd;
    private final long lifetimeSeconds;
    private final Instant receivedAt;
    private final String serverName;

    public ClientSession(
            byte[] ticket,
            byte[] psk,
            CipherSuite cipherSuite,
            long ageAdd,
            long lifetimeSeconds,
            Instant receivedAt,
            String serverName) {
        this.ticket = ticket.clone();
        this.psk = psk.clone();
        this.cipherSuite = cipherSuite;
        this.ageAdd = ageAdd;
        this.lifetimeSeconds = lifetimeSeconds;
        this.receivedAt = receivedAt;
        this.serverName = serverName;
    }

    public byte[] ticket() {
        return ticket.clone();
    }

    /** The resumption PSK: a secret, for the session store only. */
    public byte[] psk() {
        return psk.clone();
    }

    public CipherSuite cipherSuite() {
        return cipherSuite;
    }

    public long ageAdd() {
        return ageAdd;
    }

    public long lifetimeSeconds() {
        return lifetimeSeconds;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String serverName() {
        return serverName;
    }

    public boolean isExpired(Instant now) {
        return now.isAfter(receivedAt.plusSeconds(lifetimeSeconds));
    }

    public void destroy() {
        Arrays.fill(psk, (byte) 0);
    }

    @Override
    public String toString() {
        return "ClientSession["
                + cipherSuite
                + ", ticket="
                + ticket.length
                + " bytes, psk=redacted]";
    }
}
