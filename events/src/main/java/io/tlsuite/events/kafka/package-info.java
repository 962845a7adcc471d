/** Kafka serdes for the envelope and the publisher every service uses. */
package io.tlsuite.events.kafka;
