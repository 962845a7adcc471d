package io.tlsuite.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.message.HandshakeCodec;
import io.tlsuite.protocol.message.HandshakeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decoded view used for events and timelines, checked on the RFC 8448 messages. */
class MessageFieldsTest {
    private static HandshakeMessage decode(byte[] encoded) throws Exception {
        return HandshakeCodec.decode(
                encoded[0] & 0xff, Arrays.copyOfRange(encoded, 4, encoded.length));
    }

    @Test
    @SuppressWarnings("unchecked")
    void clientHelloFields() throws Exception {
        Map<String, Object> f = MessageFields.of(decode(Rfc8448.section3().get("client_hello")));
        assertThat(f)
                .containsEntry("type", "client_hello")
                .containsEntry("legacyVersion", "TLS 1.2");
        assertThat(f.get("random"))
                .isEqualTo("cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7");
        assertThat((List<Object>) f.get("cipherSuites"))
                .containsExactly(
                        "TLS_AES_128_GCM_SHA256",
                        "TLS_CHACHA20_POLY1305_SHA256",
                        "TLS_AES_256_GCM_SHA384");
        List<Map<String, Object>> ext = (List<Map<String, Object>>) f.get("extensions");
        assertThat(ext.get(0))
                .containsEntry("name", "server_name")
                .containsEntry("hostName", "server");
        assertThat(ext)
                .anySatisfy(
                        e ->
                                assertThat(e)
                                        .containsEntry("name", "supported_versions")
                                        .containsEntry("versions", List.of("TLS 1.3")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void certificateAndTicketFieldsHideNothingSecretAndShowNoTicket() throws Exception {
        Rfc8448 v = Rfc8448.section3();
        byte[] flight = v.get("server_flight");
        int ee = 4 + (flight[3] & 0xff);
        int len =
                ((flight[ee + 1] & 0xff) << 16)
                        | ((flight[ee + 2] & 0xff) << 8)
                        | (flight[ee + 3] & 0xff);
        Map<String, Object> cert =
                MessageFields.of(decode(Arrays.copyOfRange(flight, ee, ee + 4 + len)));
        Map<String, Object> leaf = ((List<Map<String, Object>>) cert.get("certificates")).get(0);
        assertThat(leaf)
                .containsEntry("subject", "CN=rsa")
                .containsEntry("serial", "2")
                .containsEntry("publicKey", "RSA");

        Map<String, Object> nst = MessageFields.of(decode(v.get("new_session_ticket")));
        assertThat(nst).containsEntry("lifetimeSeconds", 30L).containsEntry("ticketLength", 178);
        assertThat(nst.toString()).doesNotContain("2c035d829359ee5ff7af4ec9");
    }
}
