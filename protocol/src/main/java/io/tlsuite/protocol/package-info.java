/**
 * The engine facade: {@link io.tlsuite.protocol.TlsEngine} (one connection, bytes in and out),
 * {@link io.tlsuite.protocol.EngineOutput}, {@link io.tlsuite.protocol.Negotiated}, {@link
 * io.tlsuite.protocol.SessionSecrets}, the snapshot formats that move an engine elsewhere and
 * {@link io.tlsuite.protocol.MessageFields}. The top layer: it may use every package below; none of
 * them uses it (see ArchitectureTest).
 */
package io.tlsuite.protocol;
