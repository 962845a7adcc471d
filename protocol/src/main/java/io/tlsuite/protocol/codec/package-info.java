/**
 * Wire primitives: length-checked {@link io.tlsuite.protocol.codec.ByteReader} (decode_error on a
 * short read), {@link io.tlsuite.protocol.codec.ByteWriter}, hex, and the {@link
 * io.tlsuite.protocol.codec.ProtocolVersion} code points. Depends only on {@code alert}.
 */
package io.tlsuite.protocol.codec;
