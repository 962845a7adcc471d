package io.tlsuite.protocol;

import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.crypto.NamedGroup;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** What a completed handshake agreed on. Contains no secret. */
public record Negotiated(
        ProtocolVersion version,
        CipherSuite cipherSuite,
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
