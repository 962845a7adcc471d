package io.tlsuite.events;

/** Bytes that are not a well-formed CloudEvent of a known suite event type. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
