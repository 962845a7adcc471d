package io.tlsuite.sessionstore.store;

import io.tlsuite.sessionstore.domain.SessionBackend;

class InMemorySessionBackendTest extends SessionRegistryContract {

    private InMemorySessionBackend current;

    @Override
    protected SessionBackend newBackend() {
        current = new InMemorySessionBackend();
        return current;
    }

    /** In memory, "reopening" is the same heap; a restart loses everything by design. */
    @Override
    protected SessionBackend reopen() {
        return current;
    }
}
