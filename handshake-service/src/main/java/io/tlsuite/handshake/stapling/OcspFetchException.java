package io.tlsuite.handshake.stapling;

/** No usable OCSP response: the responder is unreachable, refused, or answered something wrong. */
final class OcspFetchException extends Exception {
    OcspFetchException(String message) {
        super(message);
    }

    OcspFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
