package io.tlsuite.ca;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.ca.domain.KeyType;
import io.tlsuite.ca.store.CaDatabase;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local run's default: the embedded H2 file database (no server), migrated by the same Flyway
 * scripts, and keys and the database under the data directory.
 */
@QuarkusTest
@WithTestResource(EmbeddedDatabaseTest.DataDir.class)
@WithTestResource(KafkaBrokerTestResource.class)
class EmbeddedDatabaseTest {

    /** Only a fresh data directory: the datasource stays the default (H2). */
    public static class DataDir implements QuarkusTestResourceLifecycleManager {
        static Path dir;

        @Override
        public Map<String, String> start() {
            try {
                dir = Files.createTempDirectory("tlsuite-ca-h2-");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("tlsuite.data-dir", dir.toString());
        }

        @Override
        public void stop() {}
    }

    @Inject CaDatabase database;

    @Test
    void issuesRevokesAndPublishesTheCrlOnH2() throws Exception {
        assertThat(database.name()).isEqualTo("h2");
        assertThat(DataDir.dir.resolve("ca/ca-db.mv.db")).exists();
        assertThat(DataDir.dir.resolve("ca/root.key.pem")).exists();
        assertThat(DataDir.dir.resolve("ca/intermediate.key.pem")).exists();

        String serial =
                CaApi.issueOk(TestCsr.csr(KeyType.EC_P256, "h2.test", "DNS:h2.test"), "server")
                        .path("serial");
        CaApi.revoke(serial, "affiliationChanged")
                .then()
                .statusCode(200)
                .body("status", is("revoked"));
        given().queryParam("status", "revoked")
                .get("/api/v1/certificates")
                .then()
                .body("total", is(1))
                .body("items[0].serial", is(serial));
        byte[] der = given().get("/crl").then().statusCode(200).extract().asByteArray();
        var crl =
                (java.security.cert.X509CRL)
                        java.security.cert.CertificateFactory.getInstance("X.509")
                                .generateCRL(new java.io.ByteArrayInputStream(der));
        assertThat(crl.getRevokedCertificate(new java.math.BigInteger(serial, 16))).isNotNull();
    }
}
