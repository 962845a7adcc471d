package io.tlsuite.handshake.identity;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The suite CA as the enrolment sees it: its REST contract ({@code POST /api/v1/certificates},
 * {@code GET /api/v1/ca/root}) behind an interface, so that tests may plug in a peer of their own.
 */
public interface CertificateAuthority {

    /** A certificate the CA issued: the leaf, then the chain it sent (intermediate, root). */
    record Issued(String serial, X509Certificate certificate, List<X509Certificate> chain) {
        public Issued {
            chain = List.copyOf(chain);
        }
    }

    /**
     * Signs a CSR with a leaf profile.
     *
     * @param validity the lifetime to ask for (whole days, or minutes below a day)
     * @throws EnrolmentException when the CA cannot be reached or refuses
     */
    Issued issue(String csrPem, String profile, java.time.Duration validity)
            throws EnrolmentException;

    /** What the CA itself says of a serial, asked before acting on a revocation event. */
    enum Status {
        REVOKED,
        NOT_REVOKED,
        UNKNOWN
    }

    /**
     * The CA's own record of a certificate ({@code GET /api/v1/certificates/{serial}}).
     *
     * @throws EnrolmentException when the CA cannot be reached
     */
    Status status(String serial) throws EnrolmentException;

    /** The root certificate every client trusts. */
    X509Certificate root() throws EnrolmentException;
}
