/**
 * Events of {@code tls.certificates}, keyed by certificate serial: issued, revoked, expired, CRL
 * published, validation performed.
 */
package io.tlsuite.events.certificate;
