/**
 * A real Apache Kafka broker (KRaft, broker and controller in one) for the local run and the tests:
 * in-process, as a JUnit extension, as a Quarkus test resource, or as a child JVM.
 */
package io.tlsuite.kafka;
