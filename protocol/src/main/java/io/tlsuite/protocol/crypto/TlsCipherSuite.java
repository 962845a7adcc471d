package io.tlsuite.protocol.crypto;

import io.tlsuite.protocol.codec.ProtocolVersion;
import java.util.Optional;

/**
 * A negotiated cipher suite of either version: a TLS 1.3 {@link CipherSuite} or a TLS 1.2 {@link
 * Tls12CipherSuite}. {@link #name()} is the IANA name.
 */
public interface TlsCipherSuite {
    int code();

    String name();

    AeadAlgorithm aead();

    HashAlgorithm hash();

    ProtocolVersion version();

    /** The suite of either table with this code point (TLS 1.3 and 1.2 code points differ). */
    static Optional<TlsCipherSuite> of(int code) {
        Optional<CipherSuite> s13 = CipherSuite.of(code);
        if (s13.isPresent()) {
            return Optional.of(s13.get());
        }
        return Tls12CipherSuite.of(code).map(s -> s);
    }
}
