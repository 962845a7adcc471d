/**
 * TLS alerts (RFC 8446 §6, RFC 5246 §7.2) and {@link io.tlsuite.protocol.alert.TlsAlertException},
 * the error value that carries the alert to send. The bottom layer: depends on nothing else here.
 */
package io.tlsuite.protocol.alert;
