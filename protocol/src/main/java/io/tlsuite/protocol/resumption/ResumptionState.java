package io.tlsuite.protocol.resumption;

import io.tlsuite.protocol.crypto.TlsCipherSuite;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a server needs to accept a ticket (RFC 8446 §4.6.1): the PSK, its suite, lifetime and the
 * original session's parameters. {@code psk} is a secret: never log this record.
 *
 * <p>For a TLS 1.2 session ({@code cipherSuite} a {@code Tls12CipherSuite}, resumed by session id
 * or by an RFC 5077 ticket), {@code psk} is the session's (extended) master secret and {@code
 * ageAdd} is 0. A server resumes a state only with the version it was made for.
 */
public record ResumptionState(
        byte[] psk,
        TlsCipherSuite cipherSuite,
        Instant issuedAt,
        long lifetimeSeconds,
        long ageAdd,
        Optional<String> alpn,
        Optional<String> serverName,
        List<X509Certificate> peerCertificates) {
    public ResumptionState {
        psk = psk.clone();
        peerCertificates = List.copyOf(peerCertificates);
    }

    public boolean isExpired(Instant now) {
        return now.isAfter(issuedAt.plusSeconds(lifetimeSeconds));
    }

    @Override
    public String toString() {
        return "ResumptionState[" + cipherSuite + ", issuedAt=" + issuedAt + ", psk=redacted]";
    }
}
