package io.tlsuite.handshake.domain;

/** What the page on the TLS port tells a client about its own connection. No secret. */
public record ConnectionFacts(
        String protocol,
        String cipherSuite,
        String group,
        String sessionId,
        boolean resumed,
        String clientCertificate,
        String serverSerial) {}
