package io.tlsuite.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.codec.ByteReader;
import io.tlsuite.protocol.codec.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Extension decoding rules that the RFC vectors do not exercise. */
class ExtensionCodecTest {
    private static List<Extension> decode(String hex, ExtensionContext ctx)
            throws TlsAlertException {
        return ExtensionCodec.decodeBlock(new ByteReader(Hex.parse(hex)), ctx);
    }

    private static AlertDescription alertOf(String hex, ExtensionContext ctx) {
        try {
            decode(hex, ctx);
            return null;
        } catch (TlsAlertException e) {
            return e.description();
        }
    }

    @Test
    void duplicateExtensionIsIllegalParameter() {
        assertThat(alertOf("000e002b0003020304002b0003020304", ExtensionContext.CLIENT_HELLO))
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void preSharedKeyMustBeLastInClientHello() {
        String identities = "0007" + "0001" + "aa" + "00000001";
        String binders = "0021" + "20" + "00".repeat(32);
        String pskExt =
                "0029"
                        + String.format("%04x", (identities.length() + binders.length()) / 2)
                        + identities
                        + binders;
        String sv = "002b0003020304";
        String wrong = pskExt + sv;
        assertThat(
                        alertOf(
                                String.format("%04x", wrong.length() / 2) + wrong,
                                ExtensionContext.CLIENT_HELLO))
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        String ok = sv + pskExt;
        List<Extension> decoded = assertDecodes(String.format("%04x", ok.length() / 2) + ok);
        assertThat(decoded.get(1)).isInstanceOf(Extension.ClientPreSharedKey.class);
    }

    private static List<Extension> assertDecodes(String hex) {
        try {
            return decode(hex, ExtensionContext.CLIENT_HELLO);
        } catch (TlsAlertException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void statusRequestDecodesByContextByteForByte() throws Exception {
        // RFC 6066 §8 in a ClientHello: type 5, length 5, ocsp(1), no responder ids, no extensions.
        String clientHello = "0009" + "0005" + "0005" + "01" + "0000" + "0000";
        List<Extension> ch = decode(clientHello, ExtensionContext.CLIENT_HELLO);
        Extension.StatusRequest request = (Extension.StatusRequest) ch.get(0);
        assertThat(request.isOcsp()).isTrue();
        assertThat(request.responderIdList()).isEmpty();
        assertThat(request.requestExtensions()).isEmpty();
        assertThat(Hex.of(encodeBlock(ch))).isEqualTo(clientHello);
        assertThat(Hex.of(encodeBlock(List.of(Extension.StatusRequest.ocsp()))))
                .isEqualTo(clientHello);
        // Responder ids and request extensions are kept as sent.
        String withIds = "000d" + "0005" + "0009" + "01" + "0002" + "3000" + "0002" + "3000";
        Extension.StatusRequest ids =
                (Extension.StatusRequest) decode(withIds, ExtensionContext.CLIENT_HELLO).get(0);
        assertThat(Hex.of(ids.responderIdList())).isEqualTo("3000");
        assertThat(Hex.of(ids.requestExtensions())).isEqualTo("3000");
        assertThat(Hex.of(encodeBlock(List.of(ids)))).isEqualTo(withIds);
        // Another status type is kept, not refused (a server ignores what it cannot serve).
        Extension.StatusRequest other =
                (Extension.StatusRequest)
                        decode(
                                        "0007" + "0005" + "0003" + "02" + "abcd",
                                        ExtensionContext.CLIENT_HELLO)
                                .get(0);
        assertThat(other.isOcsp()).isFalse();
        assertThat(Hex.of(other.otherRequest())).isEqualTo("abcd");

        // RFC 8446 §4.4.2.1 in a CertificateEntry: CertificateStatus, ocsp(1), OCSPResponse <u24>.
        String entry = "000c" + "0005" + "0008" + "01" + "000004" + "30020500";
        List<Extension> cert = decode(entry, ExtensionContext.CERTIFICATE);
        assertThat(((Extension.CertificateStatus) cert.get(0)).ocspResponse())
                .isEqualTo(Hex.parse("30020500"));
        assertThat(Hex.of(encodeBlock(cert))).isEqualTo(entry);

        // The TLS 1.2 ServerHello's empty acknowledgement stays uninterpreted.
        assertThat(decode("0004" + "0005" + "0000", ExtensionContext.SERVER_HELLO).get(0))
                .isInstanceOf(Extension.Unknown.class);
    }

    @Test
    void malformedStatusRequestsAndCertificateStatusesAreDecodeErrors() {
        // ocsp with a truncated responder_id_list, and with trailing bytes
        assertThat(
                        alertOf(
                                "0008" + "0005" + "0004" + "01" + "0002" + "30",
                                ExtensionContext.CLIENT_HELLO))
                .isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(
                        alertOf(
                                "000a" + "0005" + "0006" + "01" + "0000" + "0000" + "00",
                                ExtensionContext.CLIENT_HELLO))
                .isEqualTo(AlertDescription.DECODE_ERROR);
        // empty extension data: no status_type at all
        assertThat(alertOf("0004" + "0005" + "0000", ExtensionContext.CLIENT_HELLO))
                .isEqualTo(AlertDescription.DECODE_ERROR);
        // CertificateStatus: empty response, wrong type, response length past the end
        assertThat(
                        alertOf(
                                "0008" + "0005" + "0004" + "01" + "000000",
                                ExtensionContext.CERTIFICATE))
                .isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(
                        alertOf(
                                "0009" + "0005" + "0005" + "02" + "000001" + "30",
                                ExtensionContext.CERTIFICATE))
                .isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(
                        alertOf(
                                "0009" + "0005" + "0005" + "01" + "000002" + "30",
                                ExtensionContext.CERTIFICATE))
                .isEqualTo(AlertDescription.DECODE_ERROR);
    }

    private static byte[] encodeBlock(List<Extension> extensions) {
        io.tlsuite.protocol.codec.ByteWriter w = new io.tlsuite.protocol.codec.ByteWriter(64);
        ExtensionCodec.encodeBlock(w, extensions);
        return w.toByteArray();
    }

    @Test
    void truncatedExtensionIsDecodeError() {
        assertThat(alertOf("0006002b0003020303", ExtensionContext.CLIENT_HELLO))
                .isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(alertOf("0005002b00030203", ExtensionContext.CLIENT_HELLO))
                .isEqualTo(AlertDescription.DECODE_ERROR);
    }

    @Test
    void keyShareDecodesByContext() throws Exception {
        String entry = "001d0004" + "01020304";
        List<Extension> ch =
                decode(
                        "000c" + "0033" + "0008" + "0006" + "001d" + "0002" + "0102",
                        ExtensionContext.CLIENT_HELLO);
        assertThat(ch.get(0)).isInstanceOf(Extension.ClientKeyShares.class);
        List<Extension> hrr =
                decode("0006" + "0033" + "0002" + "0017", ExtensionContext.HELLO_RETRY_REQUEST);
        assertThat(((Extension.HelloRetryKeyShare) hrr.get(0)).selectedGroup()).isEqualTo(0x17);
        List<Extension> sh =
                decode("000c" + "0033" + "0008" + entry, ExtensionContext.SERVER_HELLO);
        assertThat(((Extension.ServerKeyShare) sh.get(0)).share().keyExchange())
                .containsExactly(1, 2, 3, 4);
    }

    @Test
    void duplicateKeyShareGroupIsIllegalParameter() {
        String list = "001d0001aa" + "001d0001bb";
        String ext =
                "0033"
                        + String.format("%04x", list.length() / 2 + 2)
                        + String.format("%04x", list.length() / 2)
                        + list;
        assertThat(
                        alertOf(
                                String.format("%04x", ext.length() / 2) + ext,
                                ExtensionContext.CLIENT_HELLO))
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void serverAlpnMustNameExactlyOneProtocol() {
        String list = "02683208687474702f312e31";
        String ext =
                "0010"
                        + String.format("%04x", list.length() / 2 + 2)
                        + String.format("%04x", list.length() / 2)
                        + list;
        String block = String.format("%04x", ext.length() / 2) + ext;
        assertThat(alertOf(block, ExtensionContext.ENCRYPTED_EXTENSIONS))
                .isEqualTo(AlertDescription.DECODE_ERROR);
        assertThat(alertOf(block, ExtensionContext.CLIENT_HELLO)).isNull();
    }

    @Test
    void unknownExtensionsAreKeptByteForByte() throws Exception {
        List<Extension> e =
                decode(
                        "0009" + "ff01" + "0001" + "00" + "0015" + "0000",
                        ExtensionContext.CLIENT_HELLO);
        assertThat(e).hasSize(2);
        assertThat(((Extension.Unknown) e.get(0)).data()).containsExactly(0);
        assertThatThrownBy(() -> decode("0003ff0100", ExtensionContext.CLIENT_HELLO))
                .isInstanceOf(TlsAlertException.class);
    }
}
