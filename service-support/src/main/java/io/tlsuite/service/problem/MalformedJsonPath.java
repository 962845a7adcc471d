package io.tlsuite.service.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;

/** The JSON path of a value that did not fit, e.g. {@code profile} or {@code names[2]}. */
final class MalformedJsonPath {

    private static final int MAX_LENGTH = 80;

    private MalformedJsonPath() {}

    static String of(List<JsonMappingException.Reference> path) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        // Field names come from the caller: keep them short and printable.
        String s = b.toString().replaceAll("[^A-Za-z0-9_.\\[\\]-]", "?");
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) + "…" : s;
    }
}
