package io.tlsuite.events.handshake;

import io.tlsuite.events.EventType;

/**
 * A party checked its peer's certificate: chain, validity, name, revocation and signature.
 *
 * @param verifier {@code client} (checking the server) or {@code server} (checking a client, mTLS)
 * @param valid whether the chain was accepted
 * @param problem the reason it was rejected, or null
 */
@EventType("handshake.certificate-verified")
public record CertificateVerified(
        String handshakeId,
        String verifier,
        String subject,
        String serial,
        boolean valid,
        String problem,
        long elapsedMicros)
        implements HandshakeEvent {}
