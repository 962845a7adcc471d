package io.tlsuite.ca.api;

import java.time.Instant;

/**
 * Body of {@code POST /api/v1/validations}.
 *
 * @param chain PEM certificates, leaf first
 * @param at validation time (ISO-8601), now if absent
 * @param purpose {@code server} (default) or {@code client}
 */
public record ValidationRequest(String chain, String hostname, Instant at, String purpose) {}
