package io.tlsuite.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tlsuite.agent.support.SuiteServices;
import io.tlsuite.agent.trust.AgentTrust;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The trust store and key store are real PKCS#12 files that keytool and openssl read. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(SuiteServices.class)
class TrustStoreTest {

    @Test
    void holdsTheCaRootAndAClientCertificateIssuedForItsCsr() throws Exception {
        assumeTrue(SuiteServices.available() == null, SuiteServices.available());
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        String pem =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(SuiteServices.caUrl + "/api/v1/ca/root"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        X509Certificate root =
                (X509Certificate)
                        CertificateFactory.getInstance("X.509")
                                .generateCertificate(
                                        new ByteArrayInputStream(
                                                pem.getBytes(StandardCharsets.US_ASCII)));
        String body =
                given().get("/api/v1/agent/identity").then().statusCode(200).extract().asString();
        JsonPath id = JsonPath.from(body);
        assertThat(id.getString("trustStore.roots[0].sha256"))
                .isEqualTo(AgentTrust.fingerprint(root));
        assertThat(id.getString("keyStore.chain[0].issuer")).contains("Intermediate");
        assertThat(body).doesNotContain("PRIVATE").doesNotContain("privateKey\"");
        Path trust = Path.of(id.getString("trustStore.file"));
        Path keys = Path.of(id.getString("keyStore.file"));
        assertThat(Files.getPosixFilePermissions(keys))
                .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        String keytool =
                run(
                        "keytool",
                        "-list",
                        "-keystore",
                        trust.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        "changeit");
        assertThat(keytool).contains("trustedCertEntry").contains("ca-root");
        String keyList =
                run(
                        "keytool",
                        "-list",
                        "-keystore",
                        keys.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        "changeit");
        assertThat(keyList).contains("PrivateKeyEntry");
        String openssl =
                run(
                        "openssl",
                        "pkcs12",
                        "-in",
                        trust.toString(),
                        "-nokeys",
                        "-passin",
                        "pass:changeit");
        assertThat(openssl).contains("TLS Suite Root CA");
        String fp =
                run(
                        "sh",
                        "-c",
                        "openssl pkcs12 -in "
                                + keys
                                + " -nokeys -clcerts -passin pass:changeit | openssl x509 -noout -serial");
        assertThat(fp.toLowerCase()).contains(id.getString("keyStore.chain[0].serial"));
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }
}
