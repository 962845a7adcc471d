package io.tlsuite.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.ca.domain.KeyType;
import io.tlsuite.containers.EnabledIfDockerImages;
import io.tlsuite.containers.KafkaContainerTestResource;
import io.tlsuite.service.testing.TopicReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The CA as the compose topology runs it: on PostgreSQL in a container of the suite's image, with
 * its events going to a container of the suite's broker image. Certificates issued concurrently
 * land in PostgreSQL with distinct serials, and each reaches Kafka exactly once through the outbox,
 * which then holds nothing unsent.
 */
@QuarkusTest
@EnabledIfDockerImages({"tlsuite/postgres-local:${version}", "tlsuite/kafka:${version}"})
@WithTestResource(PostgresContainerResource.class)
@WithTestResource(KafkaContainerTestResource.class)
class CaOnContainersTest {

    @Test
    void concurrentIssuanceLandsInPostgresAndReachesKafkaOnceEach() throws Exception {
        int count = 12;
        List<String> serials;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> issued =
                    IntStream.range(0, count)
                            .mapToObj(
                                    i ->
                                            pool.submit(
                                                    () ->
                                                            CaApi.issueOk(
                                                                            TestCsr.csr(
                                                                                    KeyType.EC_P256,
                                                                                    "c" + i
                                                                                            + ".test",
                                                                                    "DNS:c" + i
                                                                                            + ".test"),
                                                                            "server")
                                                                    .<String>path("serial")))
                            .toList();
            serials = issued.stream().map(CaOnContainersTest::get).toList();
        } finally {
            pool.shutdown();
        }
        assertThat(serials).doesNotHaveDuplicates().hasSize(count);

        try (Connection db = database()) {
            for (String serial : serials) {
                assertThat(
                                countRows(
                                        db,
                                        "SELECT count(*) FROM certificate WHERE serial = ?",
                                        serial))
                        .as("certificate %s in PostgreSQL", serial)
                        .isEqualTo(1);
            }
        }

        var issuedEvents = new ConcurrentHashMap<String, Integer>();
        try (TopicReader reader =
                TopicReader.of(
                        KafkaContainerTestResource.bootstrapServers(),
                        io.tlsuite.events.Topics.CERTIFICATES)) {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                            () -> {
                                issuedEvents.clear();
                                reader.poll().stream()
                                        .filter(r -> serials.contains(r.key()))
                                        .filter(
                                                r ->
                                                        r.envelope()
                                                                .type()
                                                                .equals("tls.certificate.issued"))
                                        .forEach(r -> issuedEvents.merge(r.key(), 1, Integer::sum));
                                assertThat(issuedEvents).hasSize(count);
                            });
            Thread.sleep(1500); // a duplicate would arrive with the next relay round (every 1 s)
            issuedEvents.clear();
            reader.poll().stream()
                    .filter(r -> serials.contains(r.key()))
                    .filter(r -> r.envelope().type().equals("tls.certificate.issued"))
                    .forEach(r -> issuedEvents.merge(r.key(), 1, Integer::sum));
        }
        assertThat(issuedEvents.values()).as("certificate.issued per serial").containsOnly(1);

        try (Connection db = database()) {
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    countRows(
                                                    db,
                                                    "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL")
                                            == 0);
        }
    }

    private static String get(Future<String> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(
                System.getProperty(PostgresContainerResource.JDBC_URL),
                PostgresContainerResource.USER,
                PostgresContainerResource.PASSWORD);
    }

    private static int countRows(Connection db, String sql, String... args) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
