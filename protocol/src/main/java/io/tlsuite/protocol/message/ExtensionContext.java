package io.tlsuite.protocol.message;

/** The message an extension block belongs to; decoding of a code point depends on it. */
public enum ExtensionContext {
    CLIENT_HELLO,
    SERVER_HELLO,
    HELLO_RETRY_REQUEST,
    ENCRYPTED_EXTENSIONS,
    CERTIFICATE_REQUEST,
    CERTIFICATE,
    NEW_SESSION_TICKET
}
