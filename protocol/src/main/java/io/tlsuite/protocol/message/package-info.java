/**
 * Handshake messages and extensions of TLS 1.3 (RFC 8446 §4) and TLS 1.2 (RFC 5246 §7.4) as
 * immutable records, and their codecs (every length checked before reading). Knows nothing of the
 * state machines; depends on {@code codec}, {@code crypto} (suite key exchange kinds) and {@code
 * alert}.
 */
package io.tlsuite.protocol.message;
