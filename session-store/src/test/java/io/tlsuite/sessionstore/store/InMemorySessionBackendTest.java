package io.tlsuite.sessionstore.store;

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
