package io.tlsuite.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.codec.Hex;
import io.tlsuite.protocol.crypto.Tls12CipherSuite.KeyExchangeAlgorithm;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.Certificate12;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.CertificateRequest12;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.ClientKeyExchangeEcdhe;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.ClientKeyExchangeRsa;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.ServerHelloDone;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.ServerKeyExchangeEcdhe;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.2 message codecs. The fixtures are written by hand from the RFC 5246 §7.4 / RFC 8422 §5
 * structures (header: type u8, length u24), not produced by the encoder under test.
 */
class Tls12HandshakeCodecTest {
    private static final KeyExchangeAlgorithm ECDHE = KeyExchangeAlgorithm.ECDHE_RSA;
    private static final KeyExchangeAlgorithm RSA = KeyExchangeAlgorithm.RSA;

    /** name, key exchange, full encoded message (with header). */
    static Stream<Arguments> fixtures() {
        return Stream.of(
                // curve_type named_curve, secp256r1, point <3>, ecdsa_secp256r1_sha256, signature
                // <2>
                Arguments.of(
                        "ServerKeyExchange",
                        ECDHE,
                        "0c00000d" + "03" + "0017" + "0304aabb" + "0403" + "00023006"),
                Arguments.of("ServerHelloDone", ECDHE, "0e000000"),
                Arguments.of("ClientKeyExchange ECDHE", ECDHE, "10000004" + "0304aabb"),
                Arguments.of("ClientKeyExchange RSA", RSA, "10000004" + "0002abcd"),
                // types rsa_sign(1), ecdsa_sign(64); schemes 0403 0804; one CA name <2>
                Arguments.of(
                        "CertificateRequest",
                        ECDHE,
                        "0d00000f" + "020140" + "000404030804" + "000400023000"),
                Arguments.of(
                        "CertificateRequest without CAs",
                        ECDHE,
                        "0d000008" + "0140" + "000204030000"),
                Arguments.of(
                        "Certificate", ECDHE, "0b00000c" + "000009" + "0000023082" + "00000130"),
                Arguments.of("empty Certificate", ECDHE, "0b000003" + "000000"),
                // RFC 6066 §8: status_type ocsp(1), OCSPResponse <1..2^24-1>
                Arguments.of(
                        "CertificateStatus", ECDHE, "16000009" + "01" + "000005" + "30030a0106"));
    }

    private static byte[] body(byte[] message) {
        return Arrays.copyOfRange(message, 4, message.length);
    }

    private static Tls12HandshakeMessage decode(byte[] message, KeyExchangeAlgorithm kx)
            throws TlsAlertException {
        return Tls12HandshakeCodec.decode(message[0] & 0xff, body(message), kx);
    }

    private static AlertDescription alertOf(int type, String bodyHex, KeyExchangeAlgorithm kx) {
        try {
            Tls12HandshakeCodec.decode(type, Hex.parse(bodyHex), kx);
            return null;
        } catch (TlsAlertException e) {
            return e.description();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodesAndEncodesByteForByte(String name, KeyExchangeAlgorithm kx, String hex)
            throws Exception {
        byte[] message = Hex.parse(hex);
        Tls12HandshakeMessage m = decode(message, kx);
        assertThat(m.handshakeType()).isEqualTo(message[0] & 0xff);
        assertThat(Hex.of(Tls12HandshakeCodec.encode(m))).isEqualTo(hex);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyTruncationAndTrailingByteIsDecodeError(
            String name, KeyExchangeAlgorithm kx, String hex) {
        byte[] body = body(Hex.parse(hex));
        int type = Hex.parse(hex)[0] & 0xff;
        for (int n = 0; n < body.length; n++) {
            assertThat(alertOf(type, Hex.of(Arrays.copyOf(body, n)), kx))
                    .as("%s truncated to %d", name, n)
                    .isEqualTo(AlertDescription.DECODE_ERROR);
        }
        assertThat(alertOf(type, Hex.of(body) + "00", kx))
                .as("trailing byte")
                .isEqualTo(AlertDescription.DECODE_ERROR);
    }

    @Test
    void certificateStatusCarriesTheOcspResponseAndRefusesOtherTypesAndEmptyResponses()
            throws Exception {
        Tls12HandshakeMessage.CertificateStatus12 status =
                (Tls12HandshakeMessage.CertificateStatus12)
                        decode(Hex.parse("16000009" + "01" + "000005" + "30030a0106"), ECDHE);
        assertThat(Hex.of(status.ocspResponse())).isEqualTo("30030a0106");
        assertThat(
                        Hex.of(
                                Tls12HandshakeCodec.encode(
                                        new Tls12HandshakeMessage.CertificateStatus12(
                                                Hex.parse("30")))))
                .isEqualTo("16000005" + "01" + "000001" + "30");
        // status_type 2 is ocsp_multi of RFC 6961, never a CertificateStatus of RFC 6066.
        assertThat(alertOf(22, "02" + "000001" + "30", ECDHE))
                .isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(alertOf(22, "01" + "000000", ECDHE)).isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(Tls12HandshakeCodec.decodeAny(22, Hex.parse("01000001" + "30"), ECDHE))
                .isInstanceOf(HandshakeMessage.Tls12.class);
    }

    @Test
    void decodedFields() throws Exception {
        ServerKeyExchangeEcdhe ske =
                (ServerKeyExchangeEcdhe)
                        decode(
                                Hex.parse("0c00000d030017" + "0304aabb" + "0403" + "00023006"),
                                ECDHE);
        assertThat(ske.namedGroup()).isEqualTo(0x0017);
        assertThat(Hex.of(ske.publicPoint())).isEqualTo("04aabb");
        assertThat(ske.signatureScheme()).isEqualTo(0x0403);
        assertThat(Hex.of(ske.signature())).isEqualTo("3006");
        byte[] cr = new byte[32];
        byte[] sr = new byte[32];
        Arrays.fill(cr, (byte) 1);
        Arrays.fill(sr, (byte) 2);
        assertThat(Hex.of(ske.signedContent(cr, sr)))
                .isEqualTo("01".repeat(32) + "02".repeat(32) + "0300170304aabb");

        CertificateRequest12 req =
                (CertificateRequest12)
                        decode(Hex.parse("0d00000f020140000404030804000400023000"), ECDHE);
        assertThat(req.certificateTypes()).containsExactly(1, 64);
        assertThat(req.signatureSchemes()).containsExactly(0x0403, 0x0804);
        assertThat(req.certificateAuthorities()).hasSize(1);
        assertThat(Hex.of(req.certificateAuthorities().get(0))).isEqualTo("3000");

        Certificate12 cert =
                (Certificate12) decode(Hex.parse("0b00000c0000090000023082" + "00000130"), ECDHE);
        assertThat(cert.certificates()).extracting(Hex::of).containsExactly("3082", "30");

        assertThat(decode(Hex.parse("0e000000"), ECDHE)).isEqualTo(new ServerHelloDone());
        assertThat(
                        ((ClientKeyExchangeEcdhe) decode(Hex.parse("100000040304aabb"), ECDHE))
                                .publicPoint())
                .isEqualTo(Hex.parse("04aabb"));
        assertThat(
                        ((ClientKeyExchangeRsa) decode(Hex.parse("100000040002abcd"), RSA))
                                .encryptedPreMasterSecret())
                .isEqualTo(Hex.parse("abcd"));
        // The same ClientKeyExchange bytes mean something else per key exchange: RSA reads a u16
        // length.
        assertThat(alertOf(16, "0304aabb", RSA)).isEqualTo(AlertDescription.DECODE_ERROR);
    }

    @Test
    void malformedFieldsAreRefusedWithTheRightAlert() {
        // explicit_prime (1) / explicit_char2 (2) curves: illegal_parameter (RFC 8422 §5.4)
        assertThat(alertOf(12, "01" + "0017" + "0304aabb" + "0403" + "00023006", ECDHE))
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(alertOf(12, "02" + "0017" + "0304aabb" + "0403" + "00023006", ECDHE))
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        // empty point, empty signature
        assertThat(alertOf(12, "03" + "0017" + "00" + "0403" + "00023006", ECDHE))
                .isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(alertOf(12, "03" + "0017" + "0304aabb" + "0403" + "0000", ECDHE))
                .isEqualTo(AlertDescription.DECODE_ERROR);
        // a ServerKeyExchange in a static RSA suite
        assertThat(alertOf(12, "03" + "0017" + "0304aabb" + "0403" + "00023006", RSA))
                .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        // a point length running past the body
        assertThat(alertOf(12, "03" + "0017" + "ff04aabb" + "0403" + "00023006", ECDHE))
                .isEqualTo(AlertDescription.DECODE_ERROR);
        // empty ClientKeyExchange vectors
        assertThat(alertOf(16, "00", ECDHE)).isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(alertOf(16, "0000", RSA)).isEqualTo(AlertDescription.DECODE_ERROR);
        // CertificateRequest: empty types, empty or odd scheme list, empty DistinguishedName
        assertThat(alertOf(13, "00" + "00020403" + "0000", ECDHE))
                .isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(alertOf(13, "0140" + "0000" + "0000", ECDHE))
                .isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(alertOf(13, "0140" + "000304030" + "4" + "0000", ECDHE))
                .isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(alertOf(13, "0140" + "00020403" + "00020000", ECDHE))
                .isEqualTo(AlertDescription.DECODE_ERROR);
        // Certificate: an empty entry, and an inner length longer than the list
        assertThat(alertOf(11, "000003" + "000000", ECDHE))
                .isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(alertOf(11, "000004" + "00000230", ECDHE))
                .isEqualTo(AlertDescription.DECODE_ERROR);
        // ServerHelloDone with a body
        assertThat(alertOf(14, "00", ECDHE)).isEqualTo(AlertDescription.DECODE_ERROR);
        // HelloRequest with a body
        assertThat(alertOf(0, "00", ECDHE)).isEqualTo(AlertDescription.DECODE_ERROR);
        // types this codec does not handle (TLS 1.3 ones, garbage)
        for (int type : new int[] {1, 2, 8, 15, 20, 255}) {
            assertThat(alertOf(type, "", ECDHE))
                    .as("type %d", type)
                    .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void roundTripOfLargerValuesAndToStringsWithoutContents() throws Exception {
        byte[] point = new byte[65];
        point[0] = 4;
        byte[] signature = new byte[256];
        byte[] der = new byte[3000];
        List<Tls12HandshakeMessage> messages =
                List.of(
                        new ServerKeyExchangeEcdhe(0x001d, new byte[32], 0x0804, signature),
                        new ClientKeyExchangeEcdhe(point),
                        new ClientKeyExchangeRsa(new byte[256]),
                        new CertificateRequest12(
                                List.of(64), List.of(0x0403, 0x0804, 0x0807), List.of(der, der)),
                        new Certificate12(List.of(der, der, der)),
                        new ServerHelloDone());
        for (Tls12HandshakeMessage m : messages) {
            byte[] encoded = Tls12HandshakeCodec.encode(m);
            KeyExchangeAlgorithm kx = m instanceof ClientKeyExchangeRsa ? RSA : ECDHE;
            assertThat(Tls12HandshakeCodec.encode(decode(encoded, kx))).isEqualTo(encoded);
            assertThat(m.toString()).doesNotContain("0000000000");
        }
    }
}
