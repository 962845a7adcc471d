package io.tlsuite.events.agent;

import io.tlsuite.events.EventType;

/**
 * The agent sent or received one protected application-data record. Only sizes and the sequence
 * number: the content stays inside the session.
 *
 * @param direction {@code sent} or {@code received}
 * @param payloadLength length of the application data before protection
 * @param recordLength length of the TLS record on the wire
 */
@EventType("agent.message-exchanged")
public record AgentMessageExchanged(
        String runId,
        String sessionId,
        String direction,
        int payloadLength,
        int recordLength,
        long sequenceNumber)
        implements AgentEvent {}
