package io.tlsuite.ca.api;

import java.time.Instant;

/**
 * Body of {@code POST /api/v1/certificates/backdated} (admin only): a CSR and an explicit validity
 * window, which may lie in the past.
 */
public record BackdatedIssueRequest(
        String csr, String profile, Instant notBefore, Instant notAfter) {}
