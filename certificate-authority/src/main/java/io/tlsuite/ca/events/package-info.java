/**
 * What the CA publishes: the {@code tls.certificates} events, written to the transactional outbox
 * with the change they report and relayed to Kafka.
 */
package io.tlsuite.ca.events;
