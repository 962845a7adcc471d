/**
 * The real TLS port: connections from any TLS client, served by the protocol engine, with a small
 * HTTP page over TLS.
 */
package io.tlsuite.handshake.tls;
