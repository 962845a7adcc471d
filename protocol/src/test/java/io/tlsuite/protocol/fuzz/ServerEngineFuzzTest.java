package io.tlsuite.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.alert.Alert;
import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.resumption.InMemoryTicketStore;
import io.tlsuite.protocol.testing.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;

/**
 * Fuzzes the server state machine with arbitrary inbound bytes, split into arbitrary chunks. The
 * engine must never throw and never send internal_error (which would mean an unexpected exception
 * inside; a received internal_error alert is fine); a closed engine always names its alert or was
 * closed by the peer. The crash-* seeds are inputs found by earlier fuzzing runs, kept as
 * regression tests.
 */
class ServerEngineFuzzTest {
    private static final TlsConfig CONFIG =
            TlsConfig.builder()
                    .certificate(TestPki.Shared.EC.chain(), TestPki.Shared.EC.key())
                    .ticketStore(new InMemoryTicketStore())
                    .alpnProtocols("h2", "http/1.1")
                    .build();

    @FuzzTest(maxDuration = "120s")
    void serverEngineNeverThrows(FuzzedDataProvider data) {
        TlsEngine server = TlsEngine.server(CONFIG);
        while (data.remainingBytes() > 0 && !server.isClosed()) {
            byte[] chunk = data.consumeBytes(data.consumeInt(1, 4096));
            EngineOutput out = server.feed(chunk);
            assertThat(out.alertSent().map(Alert::description))
                    .as(
                            () ->
                                    "internal error: "
                                            + server.failureCause()
                                                    .map(ServerEngineFuzzTest::trace)
                                                    .orElse(""))
                    .isNotEqualTo(Optional.of(AlertDescription.INTERNAL_ERROR));
        }
        if (server.isClosed()) {
            assertThat(server.failure().isPresent() || server.isPeerClosed()).isTrue();
        }
    }

    private static String trace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
