package io.tlsuite.agent.api;

import io.tlsuite.service.problem.SafeText;

/**
 * Scenario names in error messages, through {@link SafeText}: named back when they look like a
 * name, never when they are other caller text.
 */
final class Shown {

    private Shown() {}

    static String scenario(String name) {
        String n = SafeText.id(name == null ? null : name.trim(), null);
        return n == null ? "no such scenario" : "no scenario named " + n;
    }
}
