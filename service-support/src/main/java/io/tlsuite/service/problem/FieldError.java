package io.tlsuite.service.problem;

/**
 * One invalid field of a request, in the {@code errors} extension member of an {@code
 * invalid-request} problem.
 */
public record FieldError(String field, String message) {}
