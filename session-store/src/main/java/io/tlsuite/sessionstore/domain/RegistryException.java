package io.tlsuite.sessionstore.domain;

/** A request the registry refuses. The message names ids only, never key material. */
public class RegistryException extends RuntimeException {

    private final Rejection rejection;

    public RegistryException(Rejection rejection, String detail) {
        super(detail, null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
