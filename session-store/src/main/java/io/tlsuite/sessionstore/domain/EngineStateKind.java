package io.tlsuite.sessionstore.domain;

import java.util.Locale;
import java.util.Optional;

/** Whose engine a state is: a handshake between flights, or an established session. */
public enum EngineStateKind {
    HANDSHAKE,
    SESSION;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EngineStateKind> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (EngineStateKind k : values()) {
            if (k.wireName().equalsIgnoreCase(value.trim())) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
