package io.tlsuite.events;

/**
 * A fact in the life of a TLS connection. Every implementation is a record annotated with {@link
 * EventType} and permitted by the sealed interface of its topic ({@link
 * EventCatalog#TOPIC_INTERFACES}); none may carry secret material (enforced by a test over the
 * whole hierarchy).
 */
public interface LifecycleEvent {

    /** The id of the aggregate the event belongs to; also the Kafka record key and CE subject. */
    String aggregateId();

    /** The Kafka topic this event goes to. */
    String topic();
}
