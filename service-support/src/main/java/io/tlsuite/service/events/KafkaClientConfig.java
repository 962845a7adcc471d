package io.tlsuite.service.events;

import io.smallrye.common.annotation.Identifier;
import io.tlsuite.events.kafka.KafkaClientSecurity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * The Kafka client settings of a service, from its configuration: what every Kafka client of the
 * service starts from, so that they all authenticate the same way.
 *
 * <ul>
 *   <li>{@link #security(Config)}: {@code security.protocol}, {@code sasl.mechanism}, {@code
 *       sasl.jaas.config} from {@code tlsuite.kafka.username} / {@code tlsuite.kafka.password} (env
 *       {@code TLSUITE_KAFKA_USERNAME} / {@code TLSUITE_KAFKA_PASSWORD}), see {@link
 *       KafkaClientSecurity}; nothing without a user name.
 *   <li>{@link #all(Config)}: every {@code kafka.*} property (or {@code KAFKA_*} variable) without
 *       its prefix, then the security settings on top.
 *   <li>The {@code default-kafka-broker} bean is {@link #all(Config)}: Quarkus' own Kafka clients
 *       (the readiness check's admin client) authenticate like ours.
 * </ul>
 */
@ApplicationScoped
public class KafkaClientConfig {

    /** The security settings of the service's principal; empty without one. */
    public static Map<String, Object> security(Config config) {
        return KafkaClientSecurity.properties(name -> config.getOptionalValue(name, String.class));
    }

    /** Every {@code kafka.*} setting and the security settings. */
    public static Map<String, Object> all(Config config) {
        Map<String, Object> p = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            String key;
            if (lower.startsWith("kafka.") && !lower.startsWith("kafka.ui")) {
                key = name.substring("kafka.".length());
            } else if (name.startsWith("KAFKA_")) {
                key = lower.substring("kafka_".length()).replace('_', '.');
            } else {
                continue;
            }
            config.getOptionalValue(name, String.class).ifPresent(v -> p.put(key, v));
        }
        p.putAll(security(config));
        return p;
    }

    /**
     * Replaces Quarkus' default, which knows nothing of {@code tlsuite.kafka.*}. Its admin client
     * (the readiness check's {@code describeCluster}) gives up after {@link
     * #READINESS_API_TIMEOUT_MS} unless configured: the client's default, 60 s, made the readiness
     * endpoint hang while Kafka was away, past every probe's timeout, instead of answering DOWN.
     */
    @Produces
    @Singleton
    @Identifier("default-kafka-broker")
    Map<String, Object> defaultKafkaBroker(Config config) {
        Map<String, Object> p = all(config);
        p.putIfAbsent("default.api.timeout.ms", String.valueOf(READINESS_API_TIMEOUT_MS));
        return p;
    }

    /** The admin client's request timeout in Quarkus (5 s): an API call may not be shorter. */
    static final int READINESS_API_TIMEOUT_MS = 5000;
}
