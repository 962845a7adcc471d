/**
 * What the store publishes on {@code tls.sessions}, and the revocation cascade it consumes from
 * {@code tls.certificates}.
 */
package io.tlsuite.sessionstore.events;
