package io.tlsuite.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.alert.Alert;
import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.cert.CertificateValidator;
import io.tlsuite.protocol.config.TlsConfig;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Fuzzes the client state machine with what a server might send. The client's randomness is seeded,
 * so its ClientHello is the same in every run and the seed input (a real server flight recorded for
 * that ClientHello, {@code server_flight}) leads the fuzzer through the whole handshake:
 * ServerHello, encrypted extensions, certificate, signature, Finished, tickets.
 */
class ClientEngineFuzzTest {
    /** The ClientHello of {@link #startedClient()}. */
    static byte[] startedClientHello() {
        return newClient().start().outbound();
    }

    /** The client every run starts from; also used to record the seed (see {@link #main}). */
    static TlsEngine startedClient() {
        TlsEngine client = newClient();
        client.start();
        return client;
    }

    private static TlsEngine newClient() {
        SecureRandom random;
        try {
            random = SecureRandom.getInstance("SHA1PRNG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        random.setSeed("tlsuite client fuzzing".getBytes(StandardCharsets.US_ASCII));
        return TlsEngine.client(
                TlsConfig.builder()
                        .random(random)
                        .serverName("localhost")
                        .alpnProtocols("h2")
                        .certificateValidator(CertificateValidator.insecureAcceptAll())
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

    @FuzzTest(maxDuration = "120s")
    void clientEngineNeverThrows(byte[] fromServer) {
        TlsEngine client = startedClient();
        EngineOutput out = client.feed(fromServer);
        assertThat(out.alertSent().map(Alert::description))
                .as(
                        () ->
                                "internal error: "
                                        + client.failureCause().map(Throwable::toString).orElse(""))
                .isNotEqualTo(Optional.of(AlertDescription.INTERNAL_ERROR));
        if (client.isClosed()) {
            assertThat(client.failure().isPresent() || client.isPeerClosed()).isTrue();
        }
    }

    /** The recorded seed still walks the whole handshake: the client is still deterministic. */
    @org.junit.jupiter.api.Test
    void seedCompletesTheHandshake() throws Exception {
        byte[] flight;
        try (java.io.InputStream in =
                ClientEngineFuzzTest.class.getResourceAsStream(
                        "ClientEngineFuzzTestInputs/clientEngineNeverThrows/server_flight")) {
            flight = in.readAllBytes();
        }
        TlsEngine client = startedClient();
        client.feed(flight);
        assertThat(client.isHandshakeComplete()).isTrue();
        assertThat(client.negotiated().orElseThrow().alpn()).contains("h2");
        assertThat(client.receivedSessions()).hasSize(1);
    }

    /**
     * Records the seed: a server's answer to {@link #startedClient()}'s ClientHello, plus a ticket.
     */
    public static void main(String[] args) throws Exception {
        // Two clients from the same seed: one's ClientHello goes to the server, the other must
        // accept the server's answer, which proves the client is deterministic.
        byte[] clientHello = startedClientHello();
        TlsEngine probe = startedClient();
        TlsEngine server =
                TlsEngine.server(
                        TlsConfig.builder()
                                .certificate(
                                        io.tlsuite.protocol.testing.TestPki.Shared.EC.chain(),
                                        io.tlsuite.protocol.testing.TestPki.Shared.EC.key())
                                .alpnProtocols("h2")
                                .ticketStore(
                                        new io.tlsuite.protocol.resumption.InMemoryTicketStore())
                                .build());
        byte[] flight = server.feed(clientHello).outbound();
        EngineOutput check = probe.feed(flight);
        if (!probe.isHandshakeComplete() || check.failed()) {
            throw new IllegalStateException("the client is not deterministic: " + probe.failure());
        }
        java.nio.file.Files.write(java.nio.file.Path.of(args[0]), flight);
    }
}
