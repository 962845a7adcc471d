package io.tlsuite.events;

import io.tlsuite.events.agent.AgentEvent;
import io.tlsuite.events.certificate.CertificateEvent;
import io.tlsuite.events.handshake.HandshakeEvent;
import io.tlsuite.events.session.SessionEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every event type of the suite, found by walking the sealed interface of each topic: a new record
 * is in the catalog as soon as it is permitted by its topic's interface.
 */
public final class EventCatalog {

    /** Prefix of every CloudEvents type of the suite. */
    public static final String TYPE_PREFIX = "tls.";

    /** Version of the data schema; bump it for an incompatible change of a record. */
    public static final int SCHEMA_VERSION = 1;

    /** One sealed interface per topic; their permitted records are the whole catalog. */
    public static final List<Class<? extends LifecycleEvent>> TOPIC_INTERFACES =
            List.of(
                    CertificateEvent.class,
                    HandshakeEvent.class,
                    SessionEvent.class,
                    AgentEvent.class);

    /** Every published event asks for its type: read each class's annotation once. */
    private static final ClassValue<String> TYPES =
            new ClassValue<>() {
                @Override
                protected String computeValue(Class<?> type) {
                    return annotatedType(type);
                }
            };

    private static final Map<String, Class<? extends LifecycleEvent>> BY_TYPE = scan();

    private EventCatalog() {}

    /** All event record classes, in declaration order. */
    public static List<Class<? extends LifecycleEvent>> recordTypes() {
        return List.copyOf(BY_TYPE.values());
    }

    /** The CloudEvents type of an event class, e.g. {@code tls.session.closed}. */
    public static String typeOf(Class<? extends LifecycleEvent> eventClass) {
        return TYPES.get(eventClass);
    }

    private static String annotatedType(Class<?> eventClass) {
        EventType annotation = eventClass.getAnnotation(EventType.class);
        if (annotation == null) {
            throw new IllegalArgumentException(eventClass.getName() + " has no @EventType");
        }
        return TYPE_PREFIX + annotation.value();
    }

    /** The record class for a CloudEvents type, if the suite knows it. */
    public static Optional<Class<? extends LifecycleEvent>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** The dataschema URI of a type, which names the schema version. */
    public static String dataSchemaOf(String type) {
        return "urn:tlsuite:event:" + type + ":v" + SCHEMA_VERSION;
    }

    private static Map<String, Class<? extends LifecycleEvent>> scan() {
        List<Class<? extends LifecycleEvent>> found = new ArrayList<>();
        TOPIC_INTERFACES.forEach(topic -> collect(topic, found));
        Map<String, Class<? extends LifecycleEvent>> byType = new LinkedHashMap<>();
        for (Class<? extends LifecycleEvent> c : found) {
            Class<? extends LifecycleEvent> clash = byType.put(typeOf(c), c);
            if (clash != null) {
                throw new IllegalStateException("two events share type " + typeOf(c));
            }
        }
        return Collections.unmodifiableMap(byType);
    }

    @SuppressWarnings("unchecked")
    private static void collect(Class<?> type, List<Class<? extends LifecycleEvent>> into) {
        if (type.isRecord()) {
            into.add((Class<? extends LifecycleEvent>) type);
            return;
        }
        Class<?>[] permitted = type.getPermittedSubclasses();
        if (permitted != null) {
            for (Class<?> sub : permitted) {
                collect(sub, into);
            }
        }
    }
}
