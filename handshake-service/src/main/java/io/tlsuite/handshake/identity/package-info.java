/**
 * The service's own certificates: key pairs, CSRs to the CA, renewal and re-enrolment on
 * revocation, readiness.
 */
package io.tlsuite.handshake.identity;
