package io.tlsuite.sessionstore.domain;

import java.util.regex.Pattern;

/**
 * An id as it may appear in an error message: as given when it has the shape of an id, otherwise
 * not at all, so caller text (a {@code ${...}} lookup, a line break, kilobytes) is never echoed.
 */
final class ShownId {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private ShownId() {}

    static String of(String id) {
        return id != null && ID.matcher(id).matches() ? id : "(not a valid id)";
    }
}
