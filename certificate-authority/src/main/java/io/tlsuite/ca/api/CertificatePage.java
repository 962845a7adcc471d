package io.tlsuite.ca.api;

import java.util.List;

/** One page of {@code GET /api/v1/certificates}, newest first. */
public record CertificatePage(List<CertificateView> items, int page, int size, long total) {}
