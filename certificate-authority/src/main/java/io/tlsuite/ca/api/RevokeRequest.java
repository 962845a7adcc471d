package io.tlsuite.ca.api;

/**
 * Body of {@code POST /api/v1/certificates/{serial}/revoke}.
 *
 * @param reason RFC 5280 §5.3.1 reason name, e.g. {@code keyCompromise}; unspecified if absent
 */
public record RevokeRequest(String reason) {}
