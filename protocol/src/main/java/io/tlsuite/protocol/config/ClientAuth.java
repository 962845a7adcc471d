package io.tlsuite.protocol.config;

/** Whether a server asks for a client certificate (mTLS), RFC 8446 §4.3.2. */
public enum ClientAuth {
    NONE,
    /** CertificateRequest sent; an empty client Certificate is accepted. */
    OPTIONAL,
    /**
     * CertificateRequest sent; an empty client Certificate is refused with certificate_required.
     */
    REQUIRED
}
