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
 */
public record Negotiated(
        ProtocolVersion version,
        TlsCipherSuite cipherSuite,
        NamedGroup group,
        Optional<String> alpn,
        Optional<String> serverName,
        List<X509Certificate> peerCertificates,
        boolean resumed,
        boolean helloRetryRequest) {
    public Negotiated {
        peerCertificates = List.copyOf(peerCertificates);
    }
}
