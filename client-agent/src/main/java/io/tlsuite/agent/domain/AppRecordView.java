package io.tlsuite.agent.domain;

/** An application-data record the agent sent or received: sizes and order only, never content. */
public record AppRecordView(String direction, int payload, int record, long sequence) {}
