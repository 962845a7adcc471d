package io.tlsuite.protocol;

/** Protocol versions on the wire. Only TLS 1.3 is negotiated for now; older offers are refused. */
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
}
