package io.tlsuite.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.crypto.Tls12CipherSuite.KeyExchangeAlgorithm;
import io.tlsuite.protocol.message.Tls12HandshakeCodec;
import io.tlsuite.protocol.message.Tls12HandshakeMessage;
import java.util.Arrays;

/**
 * Jazzer fuzz test of the TLS 1.2 message decoder, same property as {@link DecoderFuzzTest}: a
 * message or a {@link TlsAlertException}, nothing else, and a decoded message re-encodes to the
 * input. Input layout: byte 0 the handshake type, byte 1 the key exchange (mod 3), then the body.
 * Seeds in {@code src/test/resources/io/tlsuite/protocol/fuzz/Tls12DecoderFuzzTestInputs}.
 */
class Tls12DecoderFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void tls12HandshakeMessages(byte[] input) throws Exception {
        if (input.length < 2) {
            return;
        }
        int type = input[0] & 0xff;
        KeyExchangeAlgorithm kx = KeyExchangeAlgorithm.values()[(input[1] & 0xff) % 3];
        byte[] body = Arrays.copyOfRange(input, 2, input.length);
        Tls12HandshakeMessage m;
        try {
            m = Tls12HandshakeCodec.decode(type, body, kx);
        } catch (TlsAlertException expected) {
            return;
        }
        byte[] encoded = Tls12HandshakeCodec.encode(m);
        assertThat(encoded[0] & 0xff).isEqualTo(type);
        assertThat(Arrays.copyOfRange(encoded, 4, encoded.length)).isEqualTo(body);
    }
}
