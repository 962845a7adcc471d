package io.tlsuite.protocol.tls12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsuite.protocol.Negotiated;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.resumption.InMemoryTicketStore;
import io.tlsuite.protocol.testing.BcLowLevelClient;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.junit.jupiter.api.Test;

/**
 * RFC 7627 §5.3: a TLS 1.2 client without the extended master secret (Bouncy Castle's low-level
 * client with it turned off) is served by default with the RFC 5246 §8.1 master secret, and refused
 * with handshake_failure when {@code requireExtendedMasterSecret(true)}; {@code
 * Negotiated.extendedMasterSecret()} tells which.
 */
class LegacyTls12ClientTest {
    private final InMemoryTicketStore store = new InMemoryTicketStore();

    private TlsConfig.Builder server() {
        return Tls12ServerInteropTest.server().ticketStore(store);
    }

    @Test
    void aClientWithoutExtendedMasterSecretIsServedByDefault() throws Exception {
        TlsEngine ours = TlsEngine.server(server().build());
        BcLowLevelClient legacy = new BcLowLevelClient(false);
        legacy.handshake(ours);
        assertThat(ours.isHandshakeComplete()).isTrue();
        Negotiated n = ours.negotiated().orElseThrow();
        assertThat(n.version()).isEqualTo(ProtocolVersion.TLS_1_2);
        assertThat(n.extendedMasterSecret()).isFalse();
        assertThat(n.secureRenegotiation()).isTrue();
        // Both sides derived the same (RFC 5246) master secret: data flows both ways.
        assertThat(legacy.send(ours, "ping".getBytes(StandardCharsets.US_ASCII)))
                .asString(StandardCharsets.US_ASCII)
                .isEqualTo("ping");
        assertThat(
                        legacy.receive(
                                ours.write("pong".getBytes(StandardCharsets.US_ASCII)).outbound()))
                .asString(StandardCharsets.US_ASCII)
                .isEqualTo("pong");
        // RFC 7627 §5.3: such a session is never resumable, so nothing is kept for it.
        assertThat(store.size()).isZero();
    }

    @Test
    void aClientWithExtendedMasterSecretKeepsTheSessionHash() throws Exception {
        TlsEngine ours = TlsEngine.server(server().build());
        new BcLowLevelClient(true).handshake(ours);
        assertThat(ours.negotiated().orElseThrow().extendedMasterSecret()).isTrue();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void theStrictSwitchRefusesAClientWithoutExtendedMasterSecret() {
        TlsEngine ours = TlsEngine.server(server().requireExtendedMasterSecret(true).build());
        assertThatThrownBy(() -> new BcLowLevelClient(false).handshake(ours))
                .isInstanceOf(TlsFatalAlertReceived.class);
        assertThat(ours.failure()).contains(AlertDescription.HANDSHAKE_FAILURE);
    }
}
