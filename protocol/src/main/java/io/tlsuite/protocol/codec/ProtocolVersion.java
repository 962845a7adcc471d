package io.tlsuite.protocol.codec;

/**
 * Protocol versions on the wire. TLS 1.3 and TLS 1.2 are negotiated (see {@code
 * TlsConfig.Builder.versions}); older offers are always refused with protocol_version.
 */
public enum ProtocolVersion {
    SSL_3_0(0x0300),
    TLS_1_0(0x0301),
    TLS_1_1(0x0302),
    TLS_1_2(0x0303),
    TLS_1_3(0x0304);

    private final int code;

    ProtocolVersion(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static java.util.Optional<ProtocolVersion> of(int code) {
        for (ProtocolVersion v : values()) {
            if (v.code == code) {
                return java.util.Optional.of(v);
            }
        }
        return java.util.Optional.empty();
    }
}
