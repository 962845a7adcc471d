package io.tlsuite.events.handshake;

import io.tlsuite.events.EventType;
import java.util.List;

/**
 * The server decoded a ClientHello. Everything here travelled in the clear.
 *
 * @param legacyVersion the record/legacy_version field, e.g. {@code TLS 1.2}
 * @param supportedVersions from the supported_versions extension, e.g. {@code [TLS 1.3, TLS 1.2]}
 * @param clientRandom the 32-byte client random, hex
 * @param keyShareGroups groups for which the client sent a key share
 * @param extensions names of every extension, in wire order
 * @param rawHex the whole handshake message as sent, hex
 */
@EventType("handshake.client-hello-received")
public record ClientHelloReceived(
        String handshakeId,
        String legacyVersion,
        List<String> supportedVersions,
        String clientRandom,
        List<String> cipherSuites,
        List<String> supportedGroups,
        List<String> keyShareGroups,
        List<String> signatureAlgorithms,
        String serverName,
        List<String> alpn,
        List<String> extensions,
        String rawHex,
        long elapsedMicros)
        implements HandshakeEvent {}
