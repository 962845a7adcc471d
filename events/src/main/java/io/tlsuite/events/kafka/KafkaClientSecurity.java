package io.tlsuite.events.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How every Kafka client of the suite authenticates: one place that turns the suite's settings into
 * the client properties ({@code security.protocol}, {@code sasl.mechanism}, {@code
 * sasl.jaas.config}).
 *
 * <ul>
 *   <li>{@value #USERNAME} and {@value #PASSWORD} (env {@code TLSUITE_KAFKA_USERNAME}, {@code
 *       TLSUITE_KAFKA_PASSWORD}): the principal's SCRAM credentials; {@code ./suite up} gives each
 *       service its own.
 *   <li>{@value #MECHANISM} (default {@code SCRAM-SHA-256}; {@code SCRAM-SHA-512} or {@code PLAIN})
 *       and {@value #PROTOCOL} (default {@code SASL_PLAINTEXT}; {@code SASL_SSL} where the broker
 *       speaks TLS).
 *   <li>Without a user name nothing is added: the client connects as before (PLAINTEXT), which is
 *       what the tests' broker expects.
 * </ul>
 *
 * The password only ever sits in {@code sasl.jaas.config}, a property Kafka's clients treat as a
 * password (logged as {@code [hidden]}).
 */
public final class KafkaClientSecurity {

    public static final String USERNAME = "tlsuite.kafka.username";
    public static final String PASSWORD = "tlsuite.kafka.password";
    public static final String MECHANISM = "tlsuite.kafka.sasl-mechanism";
    public static final String PROTOCOL = "tlsuite.kafka.security-protocol";

    public static final String DEFAULT_MECHANISM = "SCRAM-SHA-256";
    public static final String DEFAULT_PROTOCOL = "SASL_PLAINTEXT";

    private KafkaClientSecurity() {}

    /**
     * The security properties for the settings {@code config} looks up by name; empty when no user
     * name is configured.
     *
     * @throws IllegalArgumentException a user name without a password, or an unknown mechanism or
     *     protocol (said without the password)
     */
    public static Map<String, Object> properties(Function<String, Optional<String>> config) {
        Optional<String> user = config.apply(USERNAME).map(String::trim).filter(s -> !s.isEmpty());
        if (user.isEmpty()) {
            return Map.of();
        }
        String password =
                config.apply(PASSWORD)
                        .filter(s -> !s.isEmpty())
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                USERNAME + " is set but " + PASSWORD + " is not"));
        String mechanism =
                config.apply(MECHANISM)
                        .map(s -> s.trim().toUpperCase(Locale.ROOT))
                        .orElse(DEFAULT_MECHANISM);
        String protocol =
                config.apply(PROTOCOL)
                        .map(s -> s.trim().toUpperCase(Locale.ROOT))
                        .orElse(DEFAULT_PROTOCOL);
        if (!protocol.equals("SASL_PLAINTEXT") && !protocol.equals("SASL_SSL")) {
            throw new IllegalArgumentException(
                    PROTOCOL + " is SASL_PLAINTEXT or SASL_SSL, not " + protocol);
        }
        return sasl(protocol, mechanism, user.get(), password);
    }

    /** SCRAM-SHA-256 over SASL_PLAINTEXT for one principal: what the local run uses. */
    public static Map<String, Object> scram(String username, String password) {
        return sasl(DEFAULT_PROTOCOL, DEFAULT_MECHANISM, username, password);
    }

    private static Map<String, Object> sasl(
            String protocol, String mechanism, String username, String password) {
        String module =
                switch (mechanism) {
                    case "SCRAM-SHA-256", "SCRAM-SHA-512" ->
                            "org.apache.kafka.common.security.scram.ScramLoginModule";
                    case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
                    default ->
                            throw new IllegalArgumentException(
                                    MECHANISM
                                            + " is SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN, not "
                                            + mechanism);
                };
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("security.protocol", protocol);
        p.put("sasl.mechanism", mechanism);
        p.put("sasl.jaas.config", jaas(module, username, password));
        return Map.copyOf(p);
    }

    /** A JAAS entry; user name and password are quoted, with {@code \} and {@code "} escaped. */
    static String jaas(String module, String username, String password) {
        return module
                + " required username=\""
                + quote(username)
                + "\" password=\""
                + quote(password)
                + "\";";
    }

    private static String quote(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
