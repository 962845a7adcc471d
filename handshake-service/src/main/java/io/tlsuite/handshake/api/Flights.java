package io.tlsuite.handshake.api;

import io.tlsuite.handshake.domain.HandshakeProblems;
import io.tlsuite.handshake.domain.RestProblem;
import java.util.Base64;

/** Decodes the {@code records} member of a request body. */
final class Flights {
    private Flights() {}

    static byte[] decode(Dtos.FlightRequest body) {
        if (body == null || body.records() == null || body.records().isBlank()) {
            throw new RestProblem(
                    HandshakeProblems.MISSING_RECORDS,
                    "the body must be {\"records\": \"<base64 TLS records>\"}");
        }
        try {
            return Base64.getDecoder().decode(body.records().trim());
        } catch (IllegalArgumentException e) {
            throw new RestProblem(
                    HandshakeProblems.INVALID_BASE64,
                    "records must be standard base64 (RFC 4648 §4)");
        }
    }
}
