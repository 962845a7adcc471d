package io.tlsuite.handshake.domain;

import io.tlsuite.service.problem.Problem;

/** The refusals of REST handshake and session steps, each with the ids a client needs. */
final class RestProblems {
    private RestProblems() {}

    static RestProblem unknownHandshake(String id) {
        return new RestProblem(
                        HandshakeProblems.UNKNOWN_HANDSHAKE,
                        "no handshake "
                                + id
                                + " (unknown or long gone; without a shared session store, maybe"
                                + " served by another replica)")
                .with("handshakeId", id);
    }

    static RestProblem unknownSession(String id) {
        return new RestProblem(
                        HandshakeProblems.UNKNOWN_SESSION,
                        "no open session "
                                + id
                                + " (unknown or long gone; without a shared session store, maybe"
                                + " served by another replica)")
                .with("sessionId", id);
    }

    static RestProblem handshakeEnded(String id, String why) {
        return new RestProblem(HandshakeProblems.HANDSHAKE_ENDED, "handshake " + id + " is " + why)
                .with("handshakeId", id);
    }

    static RestProblem sessionClosed(String id, String why) {
        return new RestProblem(HandshakeProblems.SESSION_CLOSED, "session " + id + " is " + why)
                .with("sessionId", id);
    }

    static RestProblem flightInProgress(String id) {
        return new RestProblem(
                        HandshakeProblems.FLIGHT_IN_PROGRESS,
                        "send flights of one handshake one at a time")
                .with("handshakeId", id);
    }

    /** Another request (on this replica or another) advanced or ended the handshake first. */
    static RestProblem lostRace(String id) {
        return new RestProblem(
                        HandshakeProblems.FLIGHT_IN_PROGRESS,
                        "another request advanced handshake "
                                + id
                                + " first (maybe on another replica); this flight was not taken")
                .with("handshakeId", id);
    }

    static RestProblem recordsInProgress(String id) {
        return new RestProblem(
                        HandshakeProblems.RECORDS_IN_PROGRESS,
                        "send the records of one session one request at a time")
                .with("sessionId", id);
    }

    static RestProblem storeUnavailable() {
        return new RestProblem(
                        HandshakeProblems.STATE_STORE_UNAVAILABLE,
                        "the session store, which holds REST handshakes and sessions for every"
                                + " replica, did not answer; nothing was changed, retry shortly")
                .with(Problem.RETRY_AFTER_SECONDS, 1);
    }

    static RestProblem heldByAnotherReplica(String holder, String what) {
        return new RestProblem(
                        HandshakeProblems.HELD_BY_ANOTHER_REPLICA,
                        what
                                + " is in a state that cannot move between replicas; send it to"
                                + " replica "
                                + holder)
                .with("replica", holder);
    }

    static RestProblem notEnrolled() {
        return new RestProblem(
                HandshakeProblems.NOT_ENROLLED,
                "the service is still enrolling at the CA; see /q/health/ready");
    }

    static RestProblem stateUnreadable(String what) {
        return new RestProblem(
                HandshakeProblems.STATE_UNREADABLE,
                "the stored state of " + what + " cannot be resumed by this replica");
    }
}
