package io.tlsuite.handshake.lab;

import io.tlsuite.protocol.config.TlsConfig;

/**
 * One bad (or special) server of the lab, answering on the TLS port for {@code name}.
 *
 * @param kind {@code engine}: our server engine with {@code config}; {@code downgrade}: the same,
 *     fed a ClientHello stripped of supported_versions; {@code tls10}: a TLS 1.0 ServerHello
 * @param what one line for logs and the README
 */
record LabIdentity(String name, String kind, TlsConfig config, String what) {
    static final String ENGINE = "engine";
    static final String DOWNGRADE = "downgrade";
    static final String TLS10 = "tls10";
}
