package io.tlsuite.ca.store;

import java.time.Instant;

/**
 * A filter over issued certificates; null fields do not filter.
 *
 * @param subjectContains case-insensitive substring of the subject DN
 * @param expiringBefore only certificates whose notAfter is before this instant
 */
public record CertificateQuery(
        String status,
        String profile,
        String subjectContains,
        Instant expiringBefore,
        int page,
        int size) {}
