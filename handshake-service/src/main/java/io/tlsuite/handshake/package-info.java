/**
 * The handshake service: the TLS server of the suite, over REST flight by flight and on a real TLS
 * port.
 */
package io.tlsuite.handshake;
