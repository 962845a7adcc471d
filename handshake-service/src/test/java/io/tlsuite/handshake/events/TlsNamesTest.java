package io.tlsuite.handshake.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsuite.protocol.codec.ProtocolVersion;
import org.junit.jupiter.api.Test;

class TlsNamesTest {

    @Test
    void configuredVersionsAreTheTwoNegotiableOnesInTheirJsseSpelling() {
        assertThat(TlsNames.negotiableVersion(" TLSv1.3 ")).isEqualTo(ProtocolVersion.TLS_1_3);
        assertThat(TlsNames.negotiableVersion("TLSv1.2")).isEqualTo(ProtocolVersion.TLS_1_2);
        for (ProtocolVersion v :
                new ProtocolVersion[] {ProtocolVersion.TLS_1_3, ProtocolVersion.TLS_1_2}) {
            assertThat(TlsNames.negotiableVersion(TlsNames.protocol(v))).isEqualTo(v);
        }
        assertThatThrownBy(() -> TlsNames.negotiableVersion("TLSv1.1"))
                .hasMessageContaining("TLSv1.1")
                .hasMessageContaining("accepted: TLSv1.3, TLSv1.2");
    }

    @Test
    void suitesOfBothVersionsHaveTheirIanaNamesAndUnknownOnesTheirCode() {
        assertThat(TlsNames.suite(0x1301)).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(TlsNames.suite(0x009c)).isEqualTo("TLS_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(TlsNames.suite(0xc02b)).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertThat(TlsNames.suite(0x002f)).isEqualTo("0x002f");
        assertThat(TlsNames.suite(0xfafa)).isEqualTo("0xfafa");
        assertThat(TlsNames.group(0x0a0a)).isEqualTo("0x0a0a");
        assertThat(TlsNames.scheme(0xffff)).isEqualTo("0xffff");
        assertThat(TlsNames.version(0x7f1c)).isEqualTo("0x7f1c");
    }

    @Test
    void noGroupForRsaKeyTransport() {
        assertThat(TlsNames.group((io.tlsuite.protocol.crypto.NamedGroup) null)).isNull();
        assertThat(TlsNames.group(io.tlsuite.protocol.crypto.NamedGroup.X25519))
                .isEqualTo("x25519");
    }
}
