/**
 * How a service publishes its lifecycle events: one Kafka producer per instance and a bounded
 * buffer in front of it that never makes a caller wait on the broker, retries what failed, and
 * drops the oldest (counted) only when full. Services with a database use an outbox instead.
 */
package io.tlsuite.service.events;
