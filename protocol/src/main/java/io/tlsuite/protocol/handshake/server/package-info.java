/**
 * The server state machines of TLS 1.3 and TLS 1.2, one type per state, and the choice of our
 * identity per handshake. Depends on {@code handshake} and the layers below it, never on the client
 * role.
 */
package io.tlsuite.protocol.handshake.server;
