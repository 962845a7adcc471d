package io.tlsuite.agent.api;

/**
 * Caller text as it may appear in an error message: as given when it has the shape of a name or an
 * id, otherwise not at all (a {@code ${...}} lookup, a line break or kilobytes are never echoed).
 */
final class Shown {

    private Shown() {}

    static String scenario(String name) {
        String n = name == null ? "" : name.trim();
        return n.matches("[A-Za-z0-9._-]{1,64}") ? "no scenario named " + n : "no such scenario";
    }
}
