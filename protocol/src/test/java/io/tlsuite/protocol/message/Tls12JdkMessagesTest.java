package io.tlsuite.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.Certificate12;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.CertificateRequest12;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.ClientKeyExchangeEcdhe;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.ClientKeyExchangeRsa;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.ServerHelloDone;
import io.tlsuite.protocol.message.Tls12HandshakeMessage.ServerKeyExchangeEcdhe;
import io.tlsuite.protocol.record.ContentType;
import io.tlsuite.protocol.record.Record;
import io.tlsuite.protocol.testing.JdkPeer;
import io.tlsuite.protocol.testing.Records;
import io.tlsuite.protocol.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/**
 * Real TLS 1.2 messages from the JDK: two SunJSSE SSLEngines (TLS 1.2 only, client certificate
 * required) run their handshake in memory; we capture the plaintext flights, decode every TLS
 * 1.2-specific message with our codec, re-encode it byte for byte, and verify the JDK server's
 * ServerKeyExchange signature over our {@code signedContent}.
 */
class Tls12JdkMessagesTest {
    private record Message(int type, byte[] encoded) {}

    @Test
    void ecdheEcdsaFlightsDecodeAndReencodeByteForByte() throws Exception {
        Flights f = handshake(TestPki.Shared.EC, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        Tls12CipherSuite suite = Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
        List<Tls12HandshakeMessage> server = decodeAll(f.server, suite);
        assertThat(server)
                .extracting(m -> m.getClass().getSimpleName())
                .containsExactly(
                        "Certificate12",
                        "ServerKeyExchangeEcdhe",
                        "CertificateRequest12",
                        "ServerHelloDone");
        Certificate12 cert = (Certificate12) server.get(0);
        assertThat(cert.certificates().get(0)).isEqualTo(TestPki.Shared.EC.leaf().getEncoded());
        ServerKeyExchangeEcdhe ske = (ServerKeyExchangeEcdhe) server.get(1);
        assertThat(
                        verify(
                                ske,
                                f.clientRandom,
                                f.serverRandom,
                                TestPki.Shared.EC.leaf().getPublicKey()))
                .isTrue();
        byte[] otherRandom = f.clientRandom.clone();
        otherRandom[0] ^= 1;
        assertThat(
                        verify(
                                ske,
                                otherRandom,
                                f.serverRandom,
                                TestPki.Shared.EC.leaf().getPublicKey()))
                .isFalse();
        CertificateRequest12 req = (CertificateRequest12) server.get(2);
        assertThat(req.signatureSchemes()).contains(0x0403);
        assertThat(req.certificateAuthorities()).isNotEmpty();
        assertThat(server.get(3)).isEqualTo(new ServerHelloDone());

        List<Tls12HandshakeMessage> client = decodeAll(f.client, suite);
        assertThat(client.get(0)).isInstanceOf(Certificate12.class);
        assertThat(((Certificate12) client.get(0)).certificates().get(0))
                .isEqualTo(TestPki.Shared.CLIENT.leaf().getEncoded());
        ClientKeyExchangeEcdhe cke = (ClientKeyExchangeEcdhe) client.get(1);
        assertThat(cke.publicPoint().length).isIn(32, 65); // x25519 or uncompressed P-256
    }

    @Test
    void staticRsaClientKeyExchangeCarriesItsLength() throws Exception {
        // A static RSA server certificate needs keyEncipherment (not digitalSignature).
        TestPki.Identity rsa =
                TestPki.Shared.PKI.issue(
                        TestPki.LeafSpec.of(TestPki.KeyType.RSA).withUsage(true, false, false));
        Flights f;
        try {
            f = handshake(rsa, "TLS_RSA_WITH_AES_128_GCM_SHA256");
        } catch (IllegalStateException e) {
            org.junit.jupiter.api.Assumptions.abort(
                    "this JDK refuses TLS_RSA_* suites: " + e.getMessage());
            return;
        }
        Tls12CipherSuite suite = Tls12CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;
        List<Tls12HandshakeMessage> server = decodeAll(f.server, suite);
        assertThat(server)
                .extracting(m -> m.getClass().getSimpleName())
                .containsExactly("Certificate12", "CertificateRequest12", "ServerHelloDone");
        List<Tls12HandshakeMessage> client = decodeAll(f.client, suite);
        ClientKeyExchangeRsa cke = (ClientKeyExchangeRsa) client.get(1);
        int modulusBytes =
                (((java.security.interfaces.RSAPublicKey) rsa.leaf().getPublicKey())
                                        .getModulus()
                                        .bitLength()
                                + 7)
                        / 8;
        assertThat(cke.encryptedPreMasterSecret()).hasSize(modulusBytes);
    }

    private record Flights(
            byte[] clientRandom, byte[] serverRandom, List<Message> server, List<Message> client) {}

    private static Flights handshake(TestPki.Identity serverId, String suite) throws Exception {
        SSLEngine se = JdkPeer.context(serverId, TestPki.Shared.PKI.root()).createSSLEngine();
        se.setUseClientMode(false);
        se.setNeedClientAuth(true);
        se.setEnabledProtocols(new String[] {"TLSv1.2"});
        SSLEngine ce =
                JdkPeer.context(TestPki.Shared.CLIENT, TestPki.Shared.PKI.root())
                        .createSSLEngine("localhost", 443);
        ce.setUseClientMode(true);
        ce.setEnabledProtocols(new String[] {"TLSv1.2"});
        if (!Arrays.asList(ce.getSupportedCipherSuites()).contains(suite)) {
            throw new IllegalStateException(suite + " unsupported");
        }
        ce.setEnabledCipherSuites(new String[] {suite});
        se.setEnabledCipherSuites(new String[] {suite});
        JdkPeer server = new JdkPeer(se);
        JdkPeer client = new JdkPeer(ce);
        byte[] hello = client.step(new byte[0]);
        byte[] serverFlight = server.step(hello);
        if (server.failure() != null) {
            throw new IllegalStateException(server.failure().getMessage());
        }
        byte[] clientFlight = client.step(serverFlight);
        if (client.failure() != null) {
            throw new IllegalStateException(client.failure().getMessage());
        }
        List<Message> ch = messages(hello);
        List<Message> sf = messages(serverFlight);
        byte[] clientRandom = Arrays.copyOfRange(ch.get(0).encoded(), 6, 38);
        byte[] serverRandom = Arrays.copyOfRange(sf.get(0).encoded(), 6, 38);
        return new Flights(clientRandom, serverRandom, sf, messages(clientFlight));
    }

    /** The plaintext handshake messages of a flight, up to its ChangeCipherSpec. */
    private static List<Message> messages(byte[] wire) {
        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        for (Record r : Records.split(wire)) {
            if (r.type() == ContentType.CHANGE_CIPHER_SPEC) {
                break;
            }
            if (r.type() == ContentType.HANDSHAKE) {
                hs.writeBytes(r.fragment());
            }
        }
        byte[] b = hs.toByteArray();
        List<Message> out = new ArrayList<>();
        int p = 0;
        while (p + 4 <= b.length) {
            int len = ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
            out.add(new Message(b[p] & 0xff, Arrays.copyOfRange(b, p, p + 4 + len)));
            p += 4 + len;
        }
        assertThat(p).isEqualTo(b.length);
        return out;
    }

    /**
     * Decodes the TLS 1.2-specific messages (all but hellos and CertificateVerify), re-encoding
     * each.
     */
    private static List<Tls12HandshakeMessage> decodeAll(
            List<Message> messages, Tls12CipherSuite suite) throws Exception {
        List<Tls12HandshakeMessage> out = new ArrayList<>();
        for (Message m : messages) {
            if (m.type() == 2 || m.type() == 15) {
                continue; // ServerHello, CertificateVerify: shared with the TLS 1.3 codec / later
                // slice
            }
            Tls12HandshakeMessage decoded =
                    Tls12HandshakeCodec.decode(
                            m.type(),
                            Arrays.copyOfRange(m.encoded(), 4, m.encoded().length),
                            suite.keyExchange());
            assertThat(Tls12HandshakeCodec.encode(decoded))
                    .as("re-encoded %s", decoded)
                    .isEqualTo(m.encoded());
            out.add(decoded);
        }
        return out;
    }

    private static boolean verify(
            ServerKeyExchangeEcdhe ske, byte[] clientRandom, byte[] serverRandom, PublicKey key)
            throws Exception {
        Signature s;
        switch (ske.signatureScheme()) {
            case 0x0403 -> s = Signature.getInstance("SHA256withECDSA");
            case 0x0503 -> s = Signature.getInstance("SHA384withECDSA");
            case 0x0401 -> s = Signature.getInstance("SHA256withRSA");
            case 0x0804 -> {
                s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(
                        new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            }
            default ->
                    throw new AssertionError(
                            "unexpected scheme " + Integer.toHexString(ske.signatureScheme()));
        }
        s.initVerify(key);
        s.update(ske.signedContent(clientRandom, serverRandom));
        return s.verify(ske.signature());
    }
}
