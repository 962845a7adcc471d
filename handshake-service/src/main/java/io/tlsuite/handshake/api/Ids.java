package io.tlsuite.handshake.api;

import io.tlsuite.handshake.domain.HandshakeProblems;
import io.tlsuite.handshake.domain.RestProblem;
import java.util.regex.Pattern;

/**
 * The shape of the ids this service hands out ({@code hs-<uuid>} for a handshake, a UUID for a
 * session), checked before anything else looks at a path parameter: an id of any other shape cannot
 * exist, so it is a 404 at once, without a trip to the session store and without the raw text in a
 * log line or in the answer.
 */
final class Ids {

    private static final String UUID =
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Pattern HANDSHAKE = Pattern.compile("hs-" + UUID);
    private static final Pattern SESSION = Pattern.compile(UUID);

    private Ids() {}

    static String handshake(String id) {
        if (id == null || id.length() != 39 || !HANDSHAKE.matcher(id).matches()) {
            throw new RestProblem(
                    HandshakeProblems.UNKNOWN_HANDSHAKE,
                    "no such handshake: ids look like hs-<uuid>");
        }
        return id;
    }

    static String session(String id) {
        if (id == null || id.length() != 36 || !SESSION.matcher(id).matches()) {
            throw new RestProblem(
                    HandshakeProblems.UNKNOWN_SESSION, "no such session: ids are UUIDs");
        }
        return id;
    }
}
