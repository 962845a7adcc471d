package io.tlsuite.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.alert.Alert;
import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.cert.CertificateValidator;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.resumption.InMemoryTicketStore;
import io.tlsuite.protocol.testing.Pump;
import io.tlsuite.protocol.testing.TestPki;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fuzzes the TLS 1.2 state machines of both roles. Server and client draw from seeded randomness,
 * so the recorded seeds (a whole client side of a handshake for the server, a whole server side for
 * the client; ECDHE_ECDSA and RSA key transport) walk every state up to Connected and the fuzzer
 * mutates from there. Same rules as the TLS 1.3 fuzz tests: never throw, never internal_error, a
 * closed engine names its alert or was closed by the peer.
 */
class Tls12EngineFuzzTest {
    static SecureRandom seeded(String seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed.getBytes(StandardCharsets.US_ASCII));
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The server's identities, fixed (recorded with the seeds): the client side of a handshake
     * encrypts to and checks signatures of exactly these keys.
     */
    private static final class Identities {
        static final java.util.List<io.tlsuite.protocol.config.CertifiedKey> ALL = identities();
    }

    private static java.util.List<io.tlsuite.protocol.config.CertifiedKey> identities() {
        try (InputStream in =
                Tls12EngineFuzzTest.class.getResourceAsStream("tls12-fuzz-server-identities.bin")) {
            java.io.DataInputStream d = new java.io.DataInputStream(in);
            java.util.List<io.tlsuite.protocol.config.CertifiedKey> out =
                    new java.util.ArrayList<>();
            for (String alg : new String[] {"EC", "RSA"}) {
                byte[] key = new byte[d.readInt()];
                d.readFully(key);
                byte[] cert = new byte[d.readInt()];
                d.readFully(cert);
                out.add(
                        new io.tlsuite.protocol.config.CertifiedKey(
                                java.util.List.of(
                                        (java.security.cert.X509Certificate)
                                                java.security.cert.CertificateFactory.getInstance(
                                                                "X.509")
                                                        .generateCertificate(
                                                                new java.io.ByteArrayInputStream(
                                                                        cert))),
                                java.security.KeyFactory.getInstance(alg)
                                        .generatePrivate(
                                                new java.security.spec.PKCS8EncodedKeySpec(key))));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static TlsEngine server() {
        return TlsEngine.server(
                TlsConfig.builder()
                        .addCertificate(
                                Identities.ALL.get(0).chain(), Identities.ALL.get(0).privateKey())
                        .addCertificate(
                                Identities.ALL.get(1).chain(), Identities.ALL.get(1).privateKey())
                        .versions(ProtocolVersion.TLS_1_2)
                        .clientAuth(ClientAuth.OPTIONAL)
                        .certificateValidator(CertificateValidator.insecureAcceptAll())
                        .ticketStore(new InMemoryTicketStore())
                        .random(seeded("tlsuite tls12 server fuzzing"))
                        // The defaults of when the seeds were recorded: the CertificateRequest
                        // lists these schemes, and the seeds' Finished covers it.
                        .groups(
                                io.tlsuite.protocol.crypto.NamedGroup.X25519,
                                io.tlsuite.protocol.crypto.NamedGroup.SECP256R1)
                        .signatureSchemes(
                                io.tlsuite.protocol.crypto.SignatureScheme.ECDSA_SECP256R1_SHA256,
                                io.tlsuite.protocol.crypto.SignatureScheme.ED25519,
                                io.tlsuite.protocol.crypto.SignatureScheme.RSA_PSS_RSAE_SHA256,
                                io.tlsuite.protocol.crypto.SignatureScheme.RSA_PKCS1_SHA256)
                        .build());
    }

    static TlsEngine client(Tls12CipherSuite suite) {
        return TlsEngine.client(
                TlsConfig.builder()
                        .serverName("localhost")
                        .versions(ProtocolVersion.TLS_1_2)
                        .tls12CipherSuites(suite)
                        .certificateValidator(CertificateValidator.insecureAcceptAll())
                        .random(seeded("tlsuite tls12 client fuzzing " + suite))
                        // The defaults of when the seeds were recorded: the seeds hold the
                        // server's answer to exactly this ClientHello.
                        .groups(
                                io.tlsuite.protocol.crypto.NamedGroup.X25519,
                                io.tlsuite.protocol.crypto.NamedGroup.SECP256R1)
                        .signatureSchemes(
                                io.tlsuite.protocol.crypto.SignatureScheme.ECDSA_SECP256R1_SHA256,
                                io.tlsuite.protocol.crypto.SignatureScheme.ED25519,
                                io.tlsuite.protocol.crypto.SignatureScheme.RSA_PSS_RSAE_SHA256,
                                io.tlsuite.protocol.crypto.SignatureScheme.RSA_PKCS1_SHA256)
                        .build());
    }

    static void check(TlsEngine engine, EngineOutput out) {
        assertThat(out.alertSent().map(Alert::description))
                .as(
                        () ->
                                "internal error: "
                                        + engine.failureCause().map(Throwable::toString).orElse(""))
                .isNotEqualTo(Optional.of(AlertDescription.INTERNAL_ERROR));
        if (engine.isClosed()) {
            assertThat(engine.failure().isPresent() || engine.isPeerClosed()).isTrue();
        }
    }

    @FuzzTest(maxDuration = "120s")
    void tls12ServerNeverThrows(byte[] fromClient) {
        TlsEngine server = server();
        check(server, server.feed(fromClient));
    }

    @FuzzTest(maxDuration = "120s")
    void tls12ClientEcdheNeverThrows(byte[] fromServer) {
        TlsEngine client = client(Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        client.start();
        check(client, client.feed(fromServer));
    }

    @FuzzTest(maxDuration = "120s")
    void tls12ClientRsaNeverThrows(byte[] fromServer) {
        TlsEngine client = client(Tls12CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256);
        client.start();
        check(client, client.feed(fromServer));
    }

    static byte[] seed(String method, String name) throws Exception {
        try (InputStream in =
                Tls12EngineFuzzTest.class.getResourceAsStream(
                        "Tls12EngineFuzzTestInputs/" + method + "/" + name)) {
            return in.readAllBytes();
        }
    }

    /** The recorded seeds still complete handshakes: both sides are still deterministic. */
    @ParameterizedTest
    @ValueSource(strings = {"ecdhe", "rsa"})
    void seedsCompleteTheHandshake(String kind) throws Exception {
        boolean rsa = kind.equals("rsa");
        TlsEngine server = server();
        server.feed(seed("tls12ServerNeverThrows", kind + "_client_side"));
        assertThat(server.isHandshakeComplete())
                .as(() -> "server " + server.failureCause())
                .isTrue();
        TlsEngine client =
                client(
                        rsa
                                ? Tls12CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256
                                : Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        client.start();
        client.feed(
                seed(
                        rsa ? "tls12ClientRsaNeverThrows" : "tls12ClientEcdheNeverThrows",
                        "server_side"));
        assertThat(client.isHandshakeComplete())
                .as(() -> "client " + client.failureCause())
                .isTrue();
        assertThat(client.negotiated().orElseThrow().version()).isEqualTo(ProtocolVersion.TLS_1_2);
    }

    @Test
    void seededEnginesAreDeterministic() {
        TlsEngine a = client(Tls12CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256);
        TlsEngine b = client(Tls12CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256);
        assertThat(a.start().outbound()).isEqualTo(b.start().outbound());
    }

    /** Records the seeds: each side of a handshake between the seeded client and server. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        if (args.length > 1 && args[1].equals("identities")) {
            // Run once: fixes the server keys the seeds are recorded against.
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            java.io.DataOutputStream d = new java.io.DataOutputStream(b);
            for (TestPki.Identity id :
                    new TestPki.Identity[] {TestPki.Shared.EC, TestPki.Shared.RSA}) {
                byte[] key = id.key().getEncoded();
                byte[] cert = id.leaf().getEncoded();
                d.writeInt(key.length);
                d.write(key);
                d.writeInt(cert.length);
                d.write(cert);
            }
            Files.write(root.resolveSibling("tls12-fuzz-server-identities.bin"), b.toByteArray());
            return;
        }
        for (String kind : new String[] {"ecdhe", "rsa"}) {
            boolean rsa = kind.equals("rsa");
            Tls12CipherSuite suite =
                    rsa
                            ? Tls12CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256
                            : Tls12CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
            TlsEngine client = client(suite);
            TlsEngine server = server();
            byte[] f1 = client.start().outbound();
            byte[] f2 = server.feed(f1).outbound();
            byte[] f3 = client.feed(f2).outbound();
            byte[] f4 = server.feed(f3).outbound();
            client.feed(f4);
            if (!client.isHandshakeComplete() || !server.isHandshakeComplete()) {
                throw new IllegalStateException("handshake failed");
            }
            Path s = root.resolve("tls12ServerNeverThrows");
            Files.createDirectories(s);
            Files.write(s.resolve(kind + "_client_side"), Pump.concat(f1, f3));
            Path c =
                    root.resolve(rsa ? "tls12ClientRsaNeverThrows" : "tls12ClientEcdheNeverThrows");
            Files.createDirectories(c);
            Files.write(c.resolve("server_side"), Pump.concat(f2, f4));
        }
    }
}
