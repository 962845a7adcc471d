package io.tlsuite.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tlsuite.agent.support.AgentRuns;
import io.tlsuite.agent.support.SuiteServices;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every scenario end to end against the real certificate authority and handshake service (with its
 * lab identities), over tcp and rest: the outcome must match the expectation, with the alert and
 * the failing check a correct client produces.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(SuiteServices.class)
class ScenariosEndToEndTest {

    @BeforeEach
    void servicesRun() {
        assumeTrue(SuiteServices.available() == null, SuiteServices.available());
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void listsEveryScenarioTheIssueNames() {
        given().get("/api/v1/scenarios")
                .then()
                .statusCode(200)
                .body(
                        "name",
                        hasItems(
                                "tls13",
                                "tls12-ecdhe",
                                "rsa-key-exchange",
                                "mutual-tls",
                                "resumption",
                                "secure-exchange",
                                "untrusted-root",
                                "expired-certificate",
                                "revoked-certificate",
                                "wrong-hostname",
                                "self-signed",
                                "legacy-version-only",
                                "downgrade",
                                "tampered-finished",
                                "tampered-record",
                                "no-verification"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tls13",
                "tls13-aes256",
                "tls13-chacha20",
                "tls13-p256",
                "tls13-p384",
                "tls13-p521",
                "tls13-x448",
                "tls13-ffdhe2048",
                "tls13-ffdhe3072",
                "tls13-ffdhe4096",
                "tls12-ecdhe",
                "rsa-key-exchange",
                "mutual-tls",
                "resumption",
                "secure-exchange"
            })
    void goodScenariosPassOverTcp(String scenario) {
        JsonPath run = AgentRuns.play(scenario, "tcp", 2, 2, null);
        assertThat(run.getString("state")).isEqualTo("completed");
        assertThat(run.getInt("passed")).as(run.prettify()).isEqualTo(2);
        assertThat(run.getDouble("handshakesPerSecond")).isPositive();
        Map<String, Object> first = run.getMap("firstResult");
        assertThat(first.get("outcome")).isEqualTo("completed");
        List<Map<String, Object>> checks = run.getList("firstResult.checks");
        for (String c : List.of("chain", "validity", "hostname", "key-usage", "revocation")) {
            if (!"resumption".equals(scenario)) {
                assertThat(checks)
                        .anySatisfy(
                                x -> {
                                    assertThat(x.get("name")).isEqualTo(c);
                                    assertThat(x.get("result")).isEqualTo("passed");
                                });
            }
        }
        assertThat(run.getMap("latencyMs")).containsKeys("hello", "key-exchange", "total");
        String group = ONLY_GROUP.get(scenario);
        if (group != null) {
            assertThat(run.getString("firstResult.negotiated.group")).isEqualTo(group);
        }
    }

    /** The group each single-group scenario must negotiate. */
    static final Map<String, String> ONLY_GROUP =
            Map.of(
                    "tls13-p256", "SECP256R1",
                    "tls13-p384", "SECP384R1",
                    "tls13-p521", "SECP521R1",
                    "tls13-x448", "X448",
                    "tls13-ffdhe2048", "FFDHE2048",
                    "tls13-ffdhe3072", "FFDHE3072",
                    "tls13-ffdhe4096", "FFDHE4096");

    @Test
    void tls13SignatureAndRevocationByTheStapledOcspResponseAreSteps() {
        JsonPath run = AgentRuns.play("tls13", "tcp", 1, 1, null);
        List<Map<String, Object>> checks = run.getList("firstResult.checks");
        // The handshake service staples its OCSP response: the agent asked for it and it decided.
        assertThat(run.getString("firstResult.revocation")).isEqualTo("stapled-ocsp");
        assertThat(checks)
                .anySatisfy(
                        c -> {
                            assertThat(c.get("name")).isEqualTo("revocation");
                            assertThat((String) c.get("detail"))
                                    .startsWith("stapled-ocsp: good")
                                    .contains("signed by the issuer");
                        });
        assertThat(checks)
                .anySatisfy(
                        c -> {
                            assertThat(c.get("name")).isEqualTo("signature");
                            assertThat(c.get("result")).isEqualTo("passed");
                        });
        assertThat(run.getString("firstResult.negotiated.version")).isEqualTo("TLS_1_3");
        List<Map<String, Object>> messages = run.getList("firstResult.messages");
        assertThat(messages)
                .extracting(m -> m.get("type"))
                .contains(
                        "client_hello",
                        "server_hello",
                        "certificate",
                        "certificate_verify",
                        "finished");
    }

    @Test
    void rsaKeyExchangeUsesTheClassicSuiteAndHasNoSignatureToCheck() {
        JsonPath run = AgentRuns.play("rsa-key-exchange", "tcp", 1, 1, null);
        assertThat(run.getInt("passed")).as(run.prettify()).isEqualTo(1);
        assertThat(run.getString("firstResult.negotiated.cipherSuite"))
                .isEqualTo("TLS_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(run.getString("firstResult.negotiated.version")).isEqualTo("TLS_1_2");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "untrusted-root:unknown_ca:chain",
                "self-signed:unknown_ca:chain",
                "expired-certificate:certificate_expired:validity",
                "revoked-certificate:certificate_revoked:revocation",
                "wrong-hostname:bad_certificate:hostname",
                "downgrade:illegal_parameter:"
            })
    void badServersAreRefusedByTheAgentWithTheRightAlertAndCheck(String spec) {
        String[] s = spec.split(":", -1);
        JsonPath run = AgentRuns.play(s[0], "tcp", 1, 1, null);
        assertThat(run.getInt("passed")).as(run.prettify()).isEqualTo(1);
        assertThat(run.getString("firstResult.outcome")).isEqualTo("refused-by-agent");
        assertThat(run.getString("firstResult.alertSent")).isEqualTo(s[1]);
        if (!s[2].isEmpty()) {
            assertThat(run.getString("firstResult.failedCheck")).isEqualTo(s[2]);
        }
    }

    /**
     * Issue 22: the agent sends status_request and checks the staple first, in both versions and
     * over both transports (the REST API runs the same engine, stapling included).
     */
    @ParameterizedTest
    @ValueSource(strings = {"tls13:tcp", "tls12-ecdhe:tcp", "tls13:rest", "tls12-ecdhe:rest"})
    void theHandshakeServicesStapleDecidesRevocation(String spec) {
        String[] s = spec.split(":");
        JsonPath run = AgentRuns.play(s[0], s[1], 1, 1, null);
        assertThat(run.getInt("passed")).as(run.prettify()).isEqualTo(1);
        assertThat(run.getString("firstResult.revocation")).isEqualTo("stapled-ocsp");
        List<Map<String, Object>> messages = run.getList("firstResult.messages");
        assertThat(messages)
                .filteredOn(m -> "client_hello".equals(m.get("type")))
                .first()
                .satisfies(
                        ch ->
                                assertThat(String.valueOf(ch.get("extensions")))
                                        .contains("status_request"));
        if (s[0].startsWith("tls12")) {
            // TLS 1.2: the staple is its own message after the Certificate (RFC 6066 §8).
            assertThat(messages)
                    .anySatisfy(
                            m -> {
                                assertThat(m.get("type")).isEqualTo("certificate_status");
                                assertThat(m.get("direction")).isEqualTo("received");
                            });
        }
    }

    /**
     * The lab's revoked. server staples what the CA says about its certificate: revoked. The agent
     * refuses on the staple alone, with certificate_revoked, and says that the staple decided.
     */
    @Test
    void aRevokedCertificatesStapleSaysSoAndTheAgentRefusesOnIt() {
        JsonPath run = AgentRuns.play("revoked-certificate", "tcp", 1, 1, null);
        assertThat(run.getInt("passed")).as(run.prettify()).isEqualTo(1);
        assertThat(run.getString("firstResult.alertSent")).isEqualTo("certificate_revoked");
        assertThat(run.getString("firstResult.failedCheck")).isEqualTo("revocation");
        assertThat(run.getString("firstResult.revocation")).isEqualTo("stapled-ocsp");
        List<Map<String, Object>> checks = run.getList("firstResult.checks");
        assertThat(checks)
                .anySatisfy(
                        c -> {
                            assertThat(c.get("name")).isEqualTo("revocation");
                            assertThat(c.get("result")).isEqualTo("failed");
                            assertThat((String) c.get("detail"))
                                    .startsWith("stapled-ocsp: revoked at");
                        });
    }

    /** The lab's mtls. server staples nothing: the agent asks the CA's responder itself. */
    @Test
    void withoutAStapleTheAgentFallsBackToItsOwnOcspRequest() {
        JsonPath run = AgentRuns.play("mutual-tls", "tcp", 1, 1, null);
        assertThat(run.getInt("passed")).as(run.prettify()).isEqualTo(1);
        assertThat(run.getString("firstResult.revocation")).isEqualTo("ocsp");
        List<Map<String, Object>> checks = run.getList("firstResult.checks");
        assertThat(checks)
                .anySatisfy(
                        c -> {
                            assertThat(c.get("name")).isEqualTo("revocation");
                            assertThat((String) c.get("detail")).startsWith("ocsp: good at");
                        });
    }

    @Test
    void revocationIsReallyAtTheCa() {
        JsonPath run = AgentRuns.play("revoked-certificate", "tcp", 1, 1, null);
        List<Map<String, Object>> checks = run.getList("firstResult.checks");
        assertThat(checks)
                .anySatisfy(
                        c -> {
                            assertThat(c.get("name")).isEqualTo("revocation");
                            assertThat(c.get("result")).isEqualTo("failed");
                            assertThat((String) c.get("detail")).contains("revoked at");
                        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tampered-finished:decrypt_error",
                "tampered-record:bad_record_mac",
                "legacy-version-only:protocol_version"
            })
    void theServerRefusesTamperingAndOldVersions(String spec) {
        String[] s = spec.split(":");
        for (String transport : List.of("tcp", "rest")) {
            JsonPath run = AgentRuns.play(s[0], transport, 1, 1, null);
            assertThat(run.getInt("passed")).as(transport + " " + run.prettify()).isEqualTo(1);
            assertThat(run.getString("firstResult.alertReceived")).isEqualTo(s[1]);
        }
    }

    @Test
    void noVerificationConnectsToTheImpostorAndSaysItIsInsecure() {
        JsonPath run = AgentRuns.play("no-verification", "tcp", 1, 1, null);
        assertThat(run.getInt("passed")).as(run.prettify()).isEqualTo(1);
        assertThat(run.getBoolean("firstResult.insecure")).isTrue();
        assertThat(run.getList("firstResult.skippedChecks", String.class))
                .contains("chain", "validity", "hostname", "revocation");
        assertThat(run.getList("firstResult.notes", String.class))
                .anyMatch(n -> n.startsWith("INSECURE"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tls13",
                "tls12-ecdhe",
                "rsa-key-exchange",
                "mutual-tls",
                "resumption",
                "secure-exchange"
            })
    void goodScenariosPassOverRestShowingEveryMessage(String scenario) {
        JsonPath run = AgentRuns.play(scenario, "rest", 2, 2, null);
        assertThat(run.getString("state")).isEqualTo("completed");
        assertThat(run.getInt("passed")).as(run.prettify()).isEqualTo(2);
        assertThat(run.getList("firstResult.serverMessages")).isNotEmpty();
        assertThat(run.getList("firstResult.messages")).isNotEmpty();
    }

    @Test
    void mutualTlsOverRestAsksForAndPresentsTheKeyStoresCertificate() {
        JsonPath run = AgentRuns.play("mutual-tls", "rest", 1, 1, null);
        assertThat(run.getInt("passed")).as(run.prettify()).isEqualTo(1);
        assertThat(run.getBoolean("firstResult.negotiated.clientCertificateSent")).isTrue();
        List<Map<String, Object>> server = run.getList("firstResult.serverMessages");
        // The handshake service sent CertificateRequest and received the agent's Certificate
        // and CertificateVerify.
        assertThat(server)
                .anySatisfy(
                        m -> {
                            assertThat(m.get("type")).isEqualTo("certificate_request");
                            assertThat(m.get("direction")).isEqualTo("sent");
                        });
        assertThat(server)
                .anySatisfy(
                        m -> {
                            assertThat(m.get("type")).isEqualTo("certificate_verify");
                            assertThat(m.get("direction")).isEqualTo("received");
                        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "rest"})
    void resumptionIsServedByTheOtherReplica(String transport) throws Exception {
        String[] second = SuiteServices.secondReplica();
        String target =
                transport.equals("tcp")
                        ? "127.0.0.1:" + SuiteServices.tlsPort + "," + second[0]
                        : SuiteServices.handshakeUrl + "," + second[1];
        JsonPath run = AgentRuns.play("resumption", transport, 2, 1, target);
        assertThat(run.getInt("passed")).as(run.prettify()).isEqualTo(2);
        assertThat(run.getBoolean("firstResult.negotiated.resumed")).isTrue();
        assertThat(run.getBoolean("firstResult.negotiated.newKeys")).isTrue();
        assertThat(run.getString("firstResult.negotiated.fullHandshakeOn"))
                .isEqualTo(target.substring(0, target.indexOf(',')));
        assertThat(run.getString("firstResult.negotiated.resumedOn"))
                .isEqualTo(target.substring(target.indexOf(',') + 1));
        assertThat(run.getList("firstResult.notes", String.class))
                .anyMatch(n -> n.contains("which accepted a ticket it did not issue"));
    }
}
