package io.tlsuite.protocol;

import static io.tlsuite.protocol.testing.TestPki.Shared.trustingClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.message.Extension;
import io.tlsuite.protocol.message.HandshakeCodec;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.record.ContentType;
import io.tlsuite.protocol.record.Record;
import io.tlsuite.protocol.testing.Pump;
import io.tlsuite.protocol.testing.Records;
import io.tlsuite.protocol.testing.TestPki;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Key exchange groups (RFC 8446 §4.2.7/§4.2.8, RFC 7919, RFC 8422): every group end to end, the
 * HelloRetryRequest towards a group the client supports but sent no share for, the server's order
 * of preference over the client's, and malformed shares of every group answered with
 * illegal_parameter.
 */
class GroupsTest {
    private static TlsConfig.Builder server() {
        return TlsConfig.builder()
                .addCertificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                .addCertificate(TestPki.Shared.RSA.chain(), TestPki.Shared.RSA.key());
    }

    @ParameterizedTest(name = "TLS 1.3 {0}, client share for X25519 only")
    @EnumSource(NamedGroup.class)
    void everyGroupCompletesWithAHelloRetryRequestWhenNeeded(NamedGroup group) {
        TlsEngine client = TlsEngine.client(trustingClient().build());
        TlsEngine server = TlsEngine.server(server().groups(group).build());
        Pump.handshake(client, server);
        Negotiated n = server.negotiated().orElseThrow();
        assertThat(n.group()).isEqualTo(group);
        assertThat(n.helloRetryRequest()).isEqualTo(group != NamedGroup.X25519);
        assertThat(client.negotiated().orElseThrow().group()).isEqualTo(group);
        byte[] data = client.write(new byte[] {7, 7}).outbound();
        assertThat(server.feed(data).applicationBytes()).containsExactly(7, 7);
    }

    @ParameterizedTest(name = "TLS 1.2 ECDHE over {0}")
    @EnumSource(
            value = NamedGroup.class,
            names = {"SECP256R1", "SECP384R1", "SECP521R1", "X25519", "X448"})
    void tls12EcdheOverEveryCurve(NamedGroup group) {
        TlsEngine client =
                TlsEngine.client(
                        trustingClient()
                                .versions(ProtocolVersion.TLS_1_2)
                                .groups(group, NamedGroup.SECP256R1)
                                .keyShareGroups()
                                .build());
        TlsEngine server = TlsEngine.server(server().groups(group).build());
        Pump.handshake(client, server);
        Negotiated n = server.negotiated().orElseThrow();
        assertThat(n.version()).isEqualTo(ProtocolVersion.TLS_1_2);
        assertThat(n.group()).isEqualTo(group);
        assertThat(client.negotiated().orElseThrow().group()).isEqualTo(group);
    }

    @Test
    void tls12NeverPicksAFiniteFieldGroupForEcdhe() {
        TlsEngine client =
                TlsEngine.client(
                        trustingClient()
                                .versions(ProtocolVersion.TLS_1_2)
                                .groups(NamedGroup.FFDHE2048, NamedGroup.SECP256R1)
                                .keyShareGroups()
                                .build());
        TlsEngine server =
                TlsEngine.server(
                        server().groups(NamedGroup.FFDHE2048, NamedGroup.SECP256R1).build());
        Pump.handshake(client, server);
        assertThat(server.negotiated().orElseThrow().group()).isEqualTo(NamedGroup.SECP256R1);
    }

    @Test
    void theServersOrderOfGroupsAndSuitesWinsOverTheClients() {
        TlsEngine client =
                TlsEngine.client(
                        trustingClient()
                                .groups(NamedGroup.SECP256R1, NamedGroup.X25519)
                                .keyShareGroups(NamedGroup.SECP256R1, NamedGroup.X25519)
                                .cipherSuites(
                                        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                                        CipherSuite.TLS_AES_128_GCM_SHA256)
                                .build());
        TlsEngine server =
                TlsEngine.server(
                        server().groups(NamedGroup.X25519, NamedGroup.SECP256R1)
                                .cipherSuites(
                                        CipherSuite.TLS_AES_128_GCM_SHA256,
                                        CipherSuite.TLS_CHACHA20_POLY1305_SHA256)
                                .build());
        Pump.handshake(client, server);
        Negotiated n = server.negotiated().orElseThrow();
        assertThat(n.group()).isEqualTo(NamedGroup.X25519);
        assertThat(n.cipherSuite()).isEqualTo(CipherSuite.TLS_AES_128_GCM_SHA256);
        assertThat(n.helloRetryRequest()).isFalse();
    }

    @Test
    void theServersOrderOfTls12SuitesWinsOverTheClients() {
        TlsEngine client =
                TlsEngine.client(
                        trustingClient()
                                .versions(ProtocolVersion.TLS_1_2)
                                .tls12CipherSuites(
                                        Tls12CipherSuite
                                                .TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                                        Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)
                                .build());
        TlsEngine server =
                TlsEngine.server(
                        server().tls12CipherSuites(
                                        Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                                        Tls12CipherSuite
                                                .TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256)
                                .build());
        Pump.handshake(client, server);
        assertThat(server.negotiated().orElseThrow().cipherSuite())
                .isEqualTo(Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    }

    /** Malformed key_exchange bytes of each group, by name, from a well-formed share. */
    static Map<String, UnaryOperator<byte[]>> malformations(NamedGroup g) {
        Map<String, UnaryOperator<byte[]>> m = new LinkedHashMap<>();
        m.put("truncated", b -> Arrays.copyOf(b, b.length - 1));
        m.put("padded", b -> Arrays.copyOf(b, b.length + 1));
        m.put("empty", b -> new byte[0]);
        switch (g.kind()) {
            case EC -> {
                m.put(
                        "compressed point",
                        b -> {
                            byte[] c = Arrays.copyOf(b, 1 + g.elementLength());
                            c[0] = 2;
                            return c;
                        });
                m.put(
                        "point not on the curve",
                        b -> {
                            byte[] c = b.clone();
                            c[c.length - 1] ^= 1;
                            return c;
                        });
                m.put(
                        "x beyond the field",
                        b -> {
                            byte[] c = b.clone();
                            Arrays.fill(c, 1, 1 + g.elementLength(), (byte) 0xff);
                            return c;
                        });
            }
            case XDH ->
                    // u = 0 is of small order: the shared secret is all zeros (RFC 7748 §6).
                    m.put("all-zero result", b -> new byte[b.length]);
            case FFDHE -> {
                m.put("Y = 0", b -> new byte[b.length]);
                m.put(
                        "Y = 1",
                        b -> {
                            byte[] c = new byte[b.length];
                            c[c.length - 1] = 1;
                            return c;
                        });
                m.put(
                        "Y = p - 1",
                        b -> {
                            BigInteger p =
                                    switch (g) {
                                        case FFDHE2048 -> DHStandardGroups.rfc7919_ffdhe2048.getP();
                                        case FFDHE3072 -> DHStandardGroups.rfc7919_ffdhe3072.getP();
                                        default -> DHStandardGroups.rfc7919_ffdhe4096.getP();
                                    };
                            byte[] y = p.subtract(BigInteger.ONE).toByteArray();
                            byte[] c = new byte[b.length];
                            int n = Math.min(y.length, c.length);
                            System.arraycopy(y, y.length - n, c, c.length - n, n);
                            return c;
                        });
            }
        }
        return m;
    }

    static Stream<Arguments> malformedShares() {
        List<Arguments> out = new ArrayList<>();
        for (NamedGroup g : NamedGroup.values()) {
            for (String name : malformations(g).keySet()) {
                out.add(Arguments.of(g, name));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformedShares")
    void aMalformedKeyShareIsIllegalParameter(NamedGroup group, String malformation)
            throws TlsAlertException {
        TlsEngine client =
                TlsEngine.client(trustingClient().groups(group).keyShareGroups(group).build());
        TlsEngine server = TlsEngine.server(server().groups(group).build());
        byte[] fragment = Records.split(client.start().outbound()).get(0).fragment();
        HandshakeMessage.ClientHello ch =
                (HandshakeMessage.ClientHello)
                        HandshakeCodec.decode(
                                fragment[0] & 0xff,
                                Arrays.copyOfRange(fragment, 4, fragment.length));
        List<Extension> ext = new ArrayList<>();
        for (Extension e : ch.extensions()) {
            if (e instanceof Extension.ClientKeyShares shares) {
                byte[] good = shares.shares().get(0).keyExchange();
                e =
                        new Extension.ClientKeyShares(
                                List.of(
                                        new Extension.KeyShareEntry(
                                                group.code(),
                                                malformations(group)
                                                        .get(malformation)
                                                        .apply(good))));
            }
            ext.add(e);
        }
        HandshakeMessage.ClientHello bad =
                new HandshakeMessage.ClientHello(
                        ch.legacyVersion(),
                        ch.random(),
                        ch.legacySessionId(),
                        ch.cipherSuites(),
                        ch.legacyCompressionMethods(),
                        ext);
        EngineOutput out =
                server.feed(
                        new Record(ContentType.HANDSHAKE, 0x0301, HandshakeCodec.encode(bad))
                                .encode());
        AlertDescription sent = out.alertSent().orElseThrow().description();
        // An empty share does not even decode (RFC 8446 §4.2.8: key_exchange<1..2^16-1>).
        if (malformation.equals("empty")) {
            assertThat(sent)
                    .isIn(AlertDescription.ILLEGAL_PARAMETER, AlertDescription.DECODE_ERROR);
        } else {
            assertThat(sent)
                    .as(group + " " + malformation)
                    .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        }
        assertThat(server.isClosed()).isTrue();
    }

    @Test
    void ffdheSharesHaveThePrimesLength() {
        for (NamedGroup g :
                List.of(NamedGroup.FFDHE2048, NamedGroup.FFDHE3072, NamedGroup.FFDHE4096)) {
            byte[] share = g.generate(new SecureRandom()).publicKey();
            assertThat(share).hasSize(g.elementLength());
            assertThat(new BigInteger(1, share)).isGreaterThan(BigInteger.ONE);
        }
    }
}
