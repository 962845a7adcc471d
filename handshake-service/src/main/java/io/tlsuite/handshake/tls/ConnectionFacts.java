package io.tlsuite.handshake.tls;

import io.tlsuite.handshake.events.TlsNames;
import io.tlsuite.handshake.identity.ServerIdentity;
import io.tlsuite.protocol.Negotiated;
import io.tlsuite.protocol.TlsEngine;

/**
 * What the page on the TLS port tells a client about its own connection. No secret. {@code
 * extendedMasterSecret} and {@code secureRenegotiation} are those of {@code Negotiated} (always
 * true for TLS 1.3; for TLS 1.2 whether the client offered RFC 7627 and RFC 5746).
 */
public record ConnectionFacts(
        String protocol,
        String cipherSuite,
        String group,
        String sessionId,
        boolean resumed,
        boolean extendedMasterSecret,
        boolean secureRenegotiation,
        String clientCertificate,
        String serverSerial) {

    /**
     * The facts of a connected engine; {@code sentSerial} is the certificate this handshake sent
     * (null when resumed: then {@code identity}'s primary one is named).
     */
    static ConnectionFacts of(
            TlsEngine engine, String sessionId, String sentSerial, ServerIdentity identity) {
        Negotiated n = engine.negotiated().orElseThrow();
        return new ConnectionFacts(
                TlsNames.protocol(n.version()),
                n.cipherSuite().name(),
                TlsNames.group(n.group()),
                sessionId,
                n.resumed(),
                n.extendedMasterSecret(),
                n.secureRenegotiation(),
                n.peerCertificates().isEmpty()
                        ? null
                        : n.peerCertificates().get(0).getSubjectX500Principal().getName(),
                sentSerial != null ? sentSerial : identity == null ? null : identity.serial());
    }
}
