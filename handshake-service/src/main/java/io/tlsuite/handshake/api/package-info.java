/** The REST API: handshakes flight by flight, session records, close; requests and views. */
package io.tlsuite.handshake.api;
