/**
 * What the service publishes on {@code tls.handshakes} (one event per step, recorded from the
 * engine) and what it consumes (revocations).
 */
package io.tlsuite.handshake.events;
