package io.tlsuite.kafka;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Broker properties from {@code KAFKA_*} environment variables, with the naming rule of the {@code
 * apache/kafka} container image: {@code KAFKA_ADVERTISED_LISTENERS} is {@code
 * advertised.listeners}; a single underscore is a dot, a double one an underscore, a triple one a
 * dash. So one compose service definition configures either that image or ours.
 */
public final class BrokerEnvironment {

    /** Variables that configure the JVM or the launch scripts, never a broker property. */
    private static final Set<String> NOT_PROPERTIES =
            Set.of(
                    "KAFKA_HEAP_OPTS",
                    "KAFKA_OPTS",
                    "KAFKA_JVM_PERFORMANCE_OPTS",
                    "KAFKA_GC_LOG_OPTS",
                    "KAFKA_LOG4J_OPTS",
                    "KAFKA_JMX_OPTS",
                    "KAFKA_DEBUG",
                    "KAFKA_BOOTSTRAP_SERVERS");

    private BrokerEnvironment() {}

    /** The broker properties named by {@code env}, sorted by name. */
    public static Map<String, String> properties(Map<String, String> env) {
        Map<String, String> properties = new TreeMap<>();
        env.forEach(
                (name, value) -> {
                    if (name.startsWith("KAFKA_")
                            && name.length() > "KAFKA_".length()
                            && !NOT_PROPERTIES.contains(name)) {
                        properties.put(propertyName(name.substring("KAFKA_".length())), value);
                    }
                });
        return properties;
    }

    static String propertyName(String variable) {
        return variable.toLowerCase(Locale.ROOT)
                .replace("___", "\u0000")
                .replace("__", "\u0001")
                .replace('_', '.')
                .replace('\u0000', '-')
                .replace('\u0001', '_');
    }
}
