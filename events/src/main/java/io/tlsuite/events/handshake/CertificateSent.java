package io.tlsuite.events.handshake;

import io.tlsuite.events.EventType;
import java.time.Instant;

/**
 * A party sent its certificate chain (and, in TLS 1.3, a CertificateVerify).
 *
 * @param sender {@code server} or {@code client}
 * @param signatureScheme the CertificateVerify scheme, e.g. {@code ecdsa_secp256r1_sha256}
 */
@EventType("handshake.certificate-sent")
public record CertificateSent(
        String handshakeId,
        String sender,
        String subject,
        String serial,
        String issuer,
        Instant notBefore,
        Instant notAfter,
        int chainLength,
        String signatureScheme,
        long elapsedMicros)
        implements HandshakeEvent {}
