/**
 * Events of {@code tls.sessions}, keyed by session id: created, resumed, closed, expired,
 * terminated, keys destroyed, keys access denied.
 */
package io.tlsuite.events.session;
