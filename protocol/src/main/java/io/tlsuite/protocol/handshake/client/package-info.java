/**
 * The client state machines of TLS 1.3 and TLS 1.2, one type per state. Depends on {@code
 * handshake} and the layers below it, never on the server role.
 */
package io.tlsuite.protocol.handshake.client;
