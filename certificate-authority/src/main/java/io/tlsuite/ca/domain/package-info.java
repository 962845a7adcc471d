/**
 * The CA's model and rules, free of the framework: CSRs, the issuance policy, profiles, certificate
 * building with Bouncy Castle, chain validation, CRL and OCSP encoding.
 */
package io.tlsuite.ca.domain;
