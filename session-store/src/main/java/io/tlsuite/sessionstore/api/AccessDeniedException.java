package io.tlsuite.sessionstore.api;

/** A caller without the service token (401) or with a wrong one (403). */
class AccessDeniedException extends RuntimeException {

    private final boolean credentialsPresented;

    AccessDeniedException(boolean credentialsPresented) {
        super(
                credentialsPresented ? "wrong service token" : "no service token",
                null,
                false,
                false);
        this.credentialsPresented = credentialsPresented;
    }

    boolean credentialsPresented() {
        return credentialsPresented;
    }
}
