package io.tlsuite.handshake.domain;

import io.tlsuite.service.problem.ProblemException;

/**
 * A refusal of a REST handshake step: a {@link HandshakeProblems} kind, a detail for the caller,
 * and extension members (e.g. the TLS alert and the records that carry it).
 */
public final class RestProblem extends ProblemException {

    public RestProblem(HandshakeProblems kind, String detail) {
        super(kind, detail);
    }

    @Override
    public RestProblem with(String name, Object value) {
        super.with(name, value);
        return this;
    }
}
