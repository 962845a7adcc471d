package io.tlsuite.ca.domain;

import java.math.BigInteger;
import java.time.Instant;

/** One revoked certificate, as listed in a CRL and answered by OCSP. */
public record RevokedEntry(BigInteger serial, Instant revokedAt, RevocationReason reason) {}
