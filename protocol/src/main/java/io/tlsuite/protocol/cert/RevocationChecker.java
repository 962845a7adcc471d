package io.tlsuite.protocol.cert;

import java.security.cert.X509Certificate;

/** A revocation-check callback (CRL, OCSP or a registry); the CA service plugs in here. */
@FunctionalInterface
public interface RevocationChecker {
    enum Status {
        GOOD,
        REVOKED,
        /** Status not known: accepted unless the validator is configured to fail closed. */
        UNKNOWN
    }

    Status check(X509Certificate certificate, X509Certificate issuer);

    RevocationChecker NONE = (cert, issuer) -> Status.GOOD;
}
