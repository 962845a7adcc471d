package io.tlsuite.events.agent;

import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.Topics;

/** Events of the client agent, on {@value Topics#AGENTS}, keyed by run id. */
public sealed interface AgentEvent extends LifecycleEvent
        permits AgentRunStarted,
                AgentRunProgressed,
                AgentRunCompleted,
                AgentCertificateValidated,
                AgentMessageExchanged {

    String runId();

    @Override
    default String aggregateId() {
        return runId();
    }

    @Override
    default String topic() {
        return Topics.AGENTS;
    }
}
