/**
 * Crypto behind small interfaces, so suites and groups are table rows: cipher suites of both
 * versions, AEAD, hash/HKDF, key exchange groups, signature schemes, the TLS 1.3 key schedule and
 * the transcript hash. Primitives come from the JDK (and Bouncy Castle where the JDK lacks them).
 * Depends only on {@code codec} and {@code alert}: nothing protocol-level above it.
 */
package io.tlsuite.protocol.crypto;
