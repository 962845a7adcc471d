package io.tlsuite.events.handshake;

import io.tlsuite.events.EventType;
import java.time.Instant;

/**
 * A party sent its certificate chain and proved its key: in TLS 1.3 with a CertificateVerify, in
 * TLS 1.2 with the signed ServerKeyExchange (ECDHE) or, for RSA key transport, later by decrypting
 * the pre-master secret.
 *
 * @param sender {@code server} or {@code client}
 * @param signatureScheme the CertificateVerify (1.3) or ServerKeyExchange (1.2) scheme, e.g. {@code
 *     ecdsa_secp256r1_sha256}; null for TLS 1.2 RSA key transport, where nothing is signed
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
