/**
 * OCSP stapling of the service's own certificates: responses fetched from the CA's responder,
 * checked, cached and refreshed before they go stale, handed to the engines without ever blocking a
 * handshake.
 */
package io.tlsuite.handshake.stapling;
