package io.tlsuite.handshake.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ended handshakes or sessions, remembered a while (the newest {@value #CAPACITY}) to answer
 * "ended" rather than "unknown".
 */
final class Tombstones {
    private static final int CAPACITY = 10_000;

    private final Map<String, String> reasons =
            Collections.synchronizedMap(
                    new LinkedHashMap<>() {
                        @Override
                        protected boolean removeEldestEntry(Map.Entry<String, String> e) {
                            return size() > CAPACITY;
                        }
                    });

    void bury(String id, String reason) {
        reasons.put(id, reason);
    }

    boolean contains(String id) {
        return reasons.containsKey(id);
    }

    /** Why the id ended, or {@code otherwise} when it is not (or no longer) remembered. */
    String reason(String id, String otherwise) {
        return reasons.getOrDefault(id, otherwise);
    }
}
