package io.tlsuite.ca.api;

import java.util.List;

/** The verdict of {@code POST /api/v1/validations}; {@code problems} is empty when valid. */
public record ValidationResponse(boolean valid, String leafSerial, List<String> problems) {}
