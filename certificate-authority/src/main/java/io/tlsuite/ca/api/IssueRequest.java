package io.tlsuite.ca.api;

/**
 * Body of {@code POST /api/v1/certificates}.
 *
 * @param csr PEM PKCS#10 request
 * @param profile {@code server} or {@code client}
 */
public record IssueRequest(String csr, String profile, Long validityDays, Long validityMinutes) {}
