/**
 * The CA's use cases (issue, revoke, validate, CRL, OCSP, expiry) in transactions over the {@code
 * store}, recording their events through the outbox.
 */
package io.tlsuite.ca.service;
