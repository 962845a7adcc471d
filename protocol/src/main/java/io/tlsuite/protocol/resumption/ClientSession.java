package io.tlsuite.protocol.resumption;

import io.tlsuite.protocol.crypto.TlsCipherSuite;
import java.time.Instant;
import java.util.Arrays;

/**
 * What a client keeps from a NewSessionTicket to resume later (RFC 8446 §4.6.1): the opaque ticket
 * and the PSK derived from it. Holds a secret: {@code toString} redacts it; {@link #destroy()}
 * zeroises.
 *
 * <p>A TLS 1.2 session ({@link #tls12}) holds the session id and/or the RFC 5077 ticket the server
 * gave, and the master secret in place of the PSK.
 */
public final class ClientSession {
    private final byte[] ticket;
    private final byte[] psk;
    private final TlsCipherSuite cipherSuite;
    private final byte[] sessionId;
    private final long ageAdd;
    private final long lifetimeSeconds;
    private final Instant receivedAt;
    private final String serverName;

    public ClientSession(
            byte[] ticket,
            byte[] psk,
            TlsCipherSuite cipherSuite,
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
        this.sessionId = new byte[0];
    }

    private ClientSession(
            byte[] sessionId,
            byte[] ticket,
            byte[] masterSecret,
            TlsCipherSuite cipherSuite,
            long lifetimeSeconds,
            Instant receivedAt,
            String serverName) {
        this.sessionId = sessionId.clone();
        this.ticket = ticket.clone();
        this.psk = masterSecret.clone();
        this.cipherSuite = cipherSuite;
        this.ageAdd = 0;
        this.lifetimeSeconds = lifetimeSeconds;
        this.receivedAt = receivedAt;
        this.serverName = serverName;
    }

    /**
     * A TLS 1.2 session: the server's session id (may be empty) and ticket (may be empty, not
     * both), the master secret and the suite.
     */
    public static ClientSession tls12(
            byte[] sessionId,
            byte[] ticket,
            byte[] masterSecret,
            io.tlsuite.protocol.crypto.Tls12CipherSuite suite,
            long lifetimeSeconds,
            Instant receivedAt,
            String serverName) {
        return new ClientSession(
                sessionId, ticket, masterSecret, suite, lifetimeSeconds, receivedAt, serverName);
    }

    /** TLS 1.2: the session id to offer (empty for a TLS 1.3 ticket). */
    public byte[] sessionId() {
        return sessionId.clone();
    }

    public byte[] ticket() {
        return ticket.clone();
    }

    /** The resumption PSK: a secret, for the session store only. */
    public byte[] psk() {
        return psk.clone();
    }

    public TlsCipherSuite cipherSuite() {
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
