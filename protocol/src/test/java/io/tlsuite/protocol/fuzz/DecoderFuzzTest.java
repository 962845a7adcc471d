package io.tlsuite.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsuite.protocol.alert.Alert;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.message.HandshakeCodec;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.record.HandshakeReassembler;
import io.tlsuite.protocol.record.RecordReader;

/**
 * Jazzer fuzz tests of the decoders. In the normal build (regression mode) they run the seeds in
 * {@code src/test/resources/io/tlsuite/protocol/fuzz/DecoderFuzzTestInputs}; with {@code
 * JAZZER_FUZZ=1} (the {@code fuzz} profile) they fuzz. The property: a decoder either returns a
 * message or fails with a {@link TlsAlertException}, never anything else, and what it returns
 * re-encodes canonically.
 */
class DecoderFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void handshakeMessages(FuzzedDataProvider data) throws Exception {
        int type = data.consumeInt(0, 30);
        byte[] body = data.consumeRemainingAsBytes();
        HandshakeMessage m;
        try {
            m = HandshakeCodec.decode(type, body);
        } catch (TlsAlertException expected) {
            return;
        }
        byte[] encoded = HandshakeCodec.encode(m);
        HandshakeMessage again =
                HandshakeCodec.decode(
                        encoded[0] & 0xff,
                        java.util.Arrays.copyOfRange(encoded, 4, encoded.length));
        assertThat(HandshakeCodec.encode(again)).isEqualTo(encoded);
    }

    @FuzzTest(maxDuration = "60s")
    void recordsAndFraming(byte[] wire) throws Exception {
        RecordReader reader = new RecordReader();
        HandshakeReassembler reassembler = new HandshakeReassembler();
        reader.add(wire, 0, wire.length);
        try {
            java.util.Optional<io.tlsuite.protocol.record.Record> r;
            while ((r = reader.next()).isPresent()) {
                assertThat(r.get().fragment().length)
                        .isLessThanOrEqualTo(io.tlsuite.protocol.record.Record.MAX_CIPHERTEXT);
                if (r.get().type() == io.tlsuite.protocol.record.ContentType.ALERT
                        && r.get().fragment().length == 2) {
                    Alert.decode(r.get().fragment());
                }
                reassembler.add(r.get().fragment());
                java.util.Optional<byte[]> msg;
                while ((msg = reassembler.next()).isPresent()) {
                    byte[] raw = msg.get();
                    try {
                        HandshakeCodec.decode(
                                raw[0] & 0xff, java.util.Arrays.copyOfRange(raw, 4, raw.length));
                    } catch (TlsAlertException expected) {
                        // a refused message is fine
                    }
                }
            }
        } catch (TlsAlertException expected) {
            // a refused record is fine
        }
    }
}
