/**
 * The record layer: framing and size limits, AEAD record protection of both versions (nonces,
 * sequence numbers, inner content type), handshake message reassembly across records. Depends on
 * {@code crypto}, {@code codec} and {@code alert}.
 */
package io.tlsuite.protocol.record;
