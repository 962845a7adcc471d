/**
 * Peer certificate validation: the pluggable {@link io.tlsuite.protocol.cert.CertificateValidator},
 * PKIX chains from a {@link io.tlsuite.protocol.cert.TrustStore}, host names, revocation callback,
 * stapled OCSP responses ({@link io.tlsuite.protocol.cert.OcspStaple}, Bouncy Castle's OCSP code).
 * Depends only on {@code alert}.
 */
package io.tlsuite.protocol.cert;
