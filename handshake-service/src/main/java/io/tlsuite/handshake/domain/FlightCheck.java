package io.tlsuite.handshake.domain;

import io.tlsuite.protocol.record.Record;

/**
 * What a flight (or the records of a session step) must be before the engine sees it: not empty,
 * not over the limit, and whole records (RFC 8446 §5.1: a 5-byte header, then the length it
 * announces).
 */
final class FlightCheck {
    private FlightCheck() {}

    static void check(byte[] flight, int maxBytes) {
        if (flight.length == 0) {
            throw new RestProblem(
                    HandshakeProblems.EMPTY_FLIGHT, "records must hold at least one TLS record");
        }
        if (flight.length > maxBytes) {
            throw new RestProblem(
                    HandshakeProblems.FLIGHT_TOO_LARGE,
                    "a flight may hold at most " + maxBytes + " bytes");
        }
        int off = 0;
        while (off < flight.length) {
            if (flight.length - off < Record.HEADER_LENGTH) {
                throw truncated(off);
            }
            int len = ((flight[off + 3] & 0xff) << 8) | (flight[off + 4] & 0xff);
            if (flight.length - off - Record.HEADER_LENGTH < len) {
                throw truncated(off);
            }
            off += Record.HEADER_LENGTH + len;
        }
    }

    private static RestProblem truncated(int offset) {
        return new RestProblem(
                HandshakeProblems.TRUNCATED_RECORDS,
                "the record at byte " + offset + " is cut short; a flight must hold whole records");
    }
}
