package io.tlsuite.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.agent.cli.AgentCli;
import io.tlsuite.agent.support.SuiteServices;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line through its exit codes and output, against this agent. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(SuiteServices.class)
class CliTest {
    @TestHTTPResource("/")
    URL agent;

    record Ran(int code, String out, String err) {}

    Ran cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--agent";
        all[args.length + 1] = agent.toString();
        int code =
                AgentCli.run(
                        all,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ran(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void scenariosListsEveryNameWithItsExpectation() {
        Ran r = cli("scenarios");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains(
                        "SCENARIO",
                        "rsa-key-exchange",
                        "no-verification",
                        "the agent refuses with alert unknown_ca");
    }

    @Test
    void anUnknownScenarioExitsTwoWithTheProblem() {
        Ran r = cli("scenario", "no-such-scenario");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown-scenario").contains("no-such-scenario");
    }

    @Test
    void anAgentThatDoesNotAnswerExitsTwo() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                AgentCli.run(
                        new String[] {"scenarios", "--agent", "http://127.0.0.1:" + closed},
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot reach the agent");
    }

    @Test
    void aPassingScenarioExitsZeroWithASummaryTable() {
        assumeTrue(SuiteServices.available() == null, SuiteServices.available());
        Ran r = cli("scenario", "rsa-key-exchange", "--transport", "rest");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "PASS  rsa-key-exchange over rest",
                        "CHECK",
                        "revocation",
                        "PHASE (ms)",
                        "P99");
    }

    @Test
    void aMustFailScenarioThatFailsAsExpectedExitsZero() {
        assumeTrue(SuiteServices.available() == null, SuiteServices.available());
        Ran r = cli("scenario", "expired-certificate");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("agent sent certificate_expired", "validity");
    }

    @Test
    void anExpectationThatFailsExitsOne() throws Exception {
        assumeTrue(SuiteServices.available() == null, SuiteServices.available());
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Ran r = cli("scenario", "tls13", "--target", "127.0.0.1:" + closed);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL", "unreachable");
    }

    @Test
    void loadDrawsAProgressBarAndReportsTheRate() {
        assumeTrue(SuiteServices.available() == null, SuiteServices.available());
        Ran r = cli("load", "--count", "20", "--concurrency", "4");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).contains("[##############################] 20/20");
        assertThat(r.out()).contains("20/20 passed", "handshakes/s", "total");
        Ran runs = cli("runs");
        assertThat(runs.code()).isZero();
        assertThat(runs.out()).contains("RUN", "tls13", "completed");
    }
}
