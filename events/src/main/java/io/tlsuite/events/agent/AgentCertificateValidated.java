package io.tlsuite.events.agent;

import io.tlsuite.events.EventType;
import java.util.List;

/** The agent checked the server's certificate against its trust store. */
@EventType("agent.certificate-validated")
public record AgentCertificateValidated(
        String runId,
        String handshakeId,
        String subject,
        String serial,
        boolean valid,
        List<String> problems)
        implements AgentEvent {}
