package io.tlsuite.sessionstore.api;

/** A write that names no version: RFC 6585 §3, 428 Precondition Required. */
class EngineStatePreconditionRequired extends RuntimeException {
    EngineStatePreconditionRequired() {
        super("a write must carry If-Match: \"<version>\" or If-None-Match: *", null, false, false);
    }
}
