package io.tlsuite.ca.api;

import java.time.Instant;
import java.util.List;

/**
 * Answer of {@code POST /api/v1/certificates}.
 *
 * @param serial lower-case hex
 * @param certificate the leaf, PEM
 * @param chain the intermediate then the root, PEM (the same as {@code GET /api/v1/ca/chain})
 */
public record IssuedCertificateResponse(
        String serial,
        String certificate,
        String chain,
        Instant notBefore,
        Instant notAfter,
        String profile,
        String subject,
        List<String> subjectAlternativeNames) {}
