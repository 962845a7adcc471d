package io.tlsuite.service.problem;

import java.util.regex.Pattern;

/**
 * Caller text in an error message: an id as given when it has the shape of one, otherwise a fixed
 * phrase, so a {@code ${...}} lookup, a line break or kilobytes are never echoed into a problem.
 */
public final class SafeText {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private SafeText() {}

    /** {@code id} when it looks like an id (letters, digits, {@code . _ : -}, at most 128). */
    public static String id(String id, String otherwise) {
        return id != null && ID.matcher(id).matches() ? id : otherwise;
    }
}
