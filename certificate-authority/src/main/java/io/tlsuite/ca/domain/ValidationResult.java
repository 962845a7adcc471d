package io.tlsuite.ca.domain;

import java.util.List;

/**
 * The verdict on a chain.
 *
 * @param leafSerial lower-case hex serial of the first certificate
 * @param problems human-readable reasons, empty when valid
 */
public record ValidationResult(boolean valid, String leafSerial, List<String> problems) {}
