package io.tlsuite.handshake.api;

import io.tlsuite.handshake.domain.HandshakeProblems;
import io.tlsuite.handshake.domain.RestProblem;
import io.tlsuite.protocol.config.ClientAuth;
import java.util.Base64;
import java.util.Locale;

/** Decodes the members of a request body. */
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

    /** The {@code clientAuth} member of a first flight, or null when absent. */
    static ClientAuth clientAuth(Dtos.FlightRequest body) {
        if (body == null || body.clientAuth() == null) {
            return null;
        }
        return switch (body.clientAuth().trim().toLowerCase(Locale.ROOT)) {
            case "none" -> ClientAuth.NONE;
            case "optional" -> ClientAuth.OPTIONAL;
            case "required" -> ClientAuth.REQUIRED;
            default ->
                    throw new RestProblem(
                            HandshakeProblems.INVALID_CLIENT_AUTH,
                            "clientAuth is none, optional or required");
        };
    }
}
