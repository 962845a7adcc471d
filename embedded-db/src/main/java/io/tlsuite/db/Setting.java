package io.tlsuite.db;

import java.util.Optional;

/** A setting read from a system property first, then from the environment, under one name. */
public final class Setting {

    private Setting() {}

    /**
     * The value of {@code name} (system property, then environment variable), if set and not blank.
     */
    public static Optional<String> of(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
