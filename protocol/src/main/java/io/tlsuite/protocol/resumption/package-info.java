/**
 * Session resumption state of both versions: what a server keeps behind a ticket or session id
 * ({@link io.tlsuite.protocol.resumption.TicketStore}) and what a client keeps to resume. Depends
 * on {@code crypto}.
 */
package io.tlsuite.protocol.resumption;
