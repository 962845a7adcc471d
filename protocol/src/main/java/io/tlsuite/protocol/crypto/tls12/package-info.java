/**
 * The TLS 1.2 key derivation: the PRF (RFC 5246 §5), master and extended master secret (RFC 7627),
 * key block and Finished verify_data. Depends only on {@code crypto}.
 */
package io.tlsuite.protocol.crypto.tls12;
