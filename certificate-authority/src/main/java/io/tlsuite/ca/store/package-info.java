/**
 * Persistence of the CA: certificates, CRLs and the outbox over JDBC (PostgreSQL or the embedded
 * H2), and the CA key files.
 */
package io.tlsuite.ca.store;
