package io.tlsuite.protocol;

import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.crypto.TlsCipherSuite;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What a completed handshake agreed on. Contains no secret. {@code cipherSuite} is a TLS 1.3 {@code
 * CipherSuite} or a TLS 1.2 {@code Tls12CipherSuite} (see {@link #version()}); {@code group} is
 * null for TLS 1.2 RSA key transport.
 *
 * <p>{@code extendedMasterSecret}: TLS 1.2, whether the session's master secret is the extended one
 * (RFC 7627); false for a client that did not offer it (accepted unless {@code
 * TlsConfig.requireExtendedMasterSecret()}). {@code secureRenegotiation}: TLS 1.2, whether the
 * client signalled RFC 5746 (renegotiation is refused either way). Both are true for TLS 1.3, whose
 * key schedule binds the transcript (RFC 8446 §7.1) and which has no renegotiation.
 */
public record Negotiated(
        ProtocolVersion version,
        TlsCipherSuite cipherSuite,
        NamedGroup group,
        Optional<String> alpn,
        Optional<String> serverName,
        List<X509Certificate> peerCertificates,
        boolean resumed,
        boolean helloRetryRequest,
        boolean extendedMasterSecret,
        boolean secureRenegotiation) {
    public Negotiated {
        peerCertificates = List.copyOf(peerCertificates);
    }

    /** A handshake with the extended master secret and secure renegotiation signalled. */
    public Negotiated(
            ProtocolVersion version,
            TlsCipherSuite cipherSuite,
            NamedGroup group,
            Optional<String> alpn,
            Optional<String> serverName,
            List<X509Certificate> peerCertificates,
            boolean resumed,
            boolean helloRetryRequest) {
        this(
                version,
                cipherSuite,
                group,
                alpn,
                serverName,
                peerCertificates,
                resumed,
                helloRetryRequest,
                true,
                true);
    }
}
