/**
 * Crypto behind small interfaces, so suites and groups are table rows: cipher suites of both
 * versions, AEAD, hash/HKDF, key exchange groups, signature schemes, the TLS 1.3 key schedule and
 * the transcript hash. Public-key arithmetic goes through a {@link
 * io.tlsuite.protocol.crypto.CryptoBackend} (Bouncy Castle's curve code by default, the JDK's
 * providers on request); symmetric primitives come from the JDK. Depends only on {@code codec} and
 * {@code alert}: nothing protocol-level above it.
 */
package io.tlsuite.protocol.crypto;
