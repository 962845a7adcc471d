/**
 * What both roles share: {@link io.tlsuite.protocol.handshake.State}, {@code Expect} (a state that
 * accepts one message type and refuses the rest with unexpected_message), the per-connection {@link
 * io.tlsuite.protocol.handshake.HandshakeContext}, the connected states and the steps common to
 * client and server. Knows neither role; depends on every package below the facade.
 */
package io.tlsuite.protocol.handshake;
