package io.tlsuite.handshake.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tlsuite.handshake.domain.FlightResult;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The JSON documents of the REST API. */
final class Dtos {
    private Dtos() {}

    /**
     * A flight of TLS records from the client, base64 (RFC 4648 §4).
     *
     * @param clientAuth only with the first flight: {@code none}, {@code optional} or {@code
     *     required} asks the server to request a client certificate for this handshake (mutual
     *     TLS); never weaker than {@code handshake.tls.client-auth}; absent: as configured
     */
    record FlightRequest(String records, String clientAuth) {}

    /**
     * The server's answer to a flight.
     *
     * @param state {@code in-progress} or {@code complete}
     * @param records the server's records, base64
     * @param messages decoded view of every handshake message received and sent in this step
     * @param clientSecret in the first step's answer only: the secret later steps present
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HandshakeResponse(
            String handshakeId,
            String state,
            String records,
            List<Map<String, Object>> messages,
            String sessionId,
            Map<String, Object> negotiated,
            String clientSecret) {
        static HandshakeResponse of(FlightResult r) {
            return new HandshakeResponse(
                    r.handshakeId(),
                    r.state(),
                    Base64.getEncoder().encodeToString(r.records()),
                    r.messages(),
                    r.sessionId(),
                    r.negotiated(),
                    r.clientSecret());
        }

        @Override
        public String toString() {
            return "HandshakeResponse[" + handshakeId + ", " + state + "]";
        }
    }

    /**
     * The server's records for a session step.
     *
     * @param state {@code open}, or {@code closed} after close_notify
     */
    record RecordsResponse(String sessionId, String handshakeId, String state, String records) {
        static RecordsResponse of(FlightResult r) {
            return new RecordsResponse(
                    r.sessionId(),
                    r.handshakeId(),
                    r.state(),
                    Base64.getEncoder().encodeToString(r.records()));
        }
    }
}
