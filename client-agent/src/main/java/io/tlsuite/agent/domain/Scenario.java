package io.tlsuite.agent.domain;

import java.util.List;

/**
 * A named story the agent can play, with the outcome a correct client must see.
 *
 * @param labHost the lab identity's first label ({@code expired}, {@code revoked}, ...) the agent
 *     asks for by SNI under the lab domain, or null for the target's own name
 * @param mode what the connection does besides a plain handshake
 */
public record Scenario(
        String name,
        String description,
        List<String> transports,
        Expectation expectation,
        ClientProfile profile,
        String labHost,
        Mode mode) {

    public enum Mode {
        /** Handshake, one request and its answer, close_notify both ways. */
        PLAIN,
        /** A full handshake, then a second one from its ticket, with new keys. */
        RESUMPTION,
        /** Several requests echoed and checked, then close. */
        EXCHANGE,
        /** Our Finished altered and re-protected under the right key. */
        TAMPER_FINISHED,
        /** One protected application record altered on the wire. */
        TAMPER_RECORD,
        /** A ClientHello offering only SSL 3.0 to TLS 1.1, then a TLS 1.0 server. */
        LEGACY
    }

    public boolean supports(String transport) {
        return transports.contains(transport);
    }

    public View view() {
        return new View(name, description, transports, expectation.summary(), expectation);
    }

    /** The listing shape of {@code GET /api/v1/scenarios}. */
    public record View(
            String name,
            String description,
            List<String> transports,
            String expectation,
            Expectation expected) {}
}
