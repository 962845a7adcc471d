/**
 * Events of {@code tls.handshakes}, keyed by handshake id: one per step of a handshake, with
 * decoded fields and no secret.
 */
package io.tlsuite.events.handshake;
