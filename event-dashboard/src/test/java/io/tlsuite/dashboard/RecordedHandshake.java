package io.tlsuite.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsuite.events.certificate.CertificateRevoked;
import io.tlsuite.events.kafka.EventPublisher;
import io.tlsuite.events.session.SessionKeysDestroyed;
import io.tlsuite.events.session.SessionTerminated;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The events of one real handshake, recorded from the suite's topics with kcat ({@code
 * src/test/resources/recorded/README.md} says how), replayed byte for byte except for the ids: the
 * handshake, session and event ids are replaced by fresh ones so every replay is a new handshake.
 */
record RecordedHandshake(String handshakeId, String sessionId, String serial, List<String> lines) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static RecordedHandshake tls12Rsa() throws IOException {
        List<String> lines;
        try (InputStream in =
                RecordedHandshake.class.getResourceAsStream(
                        "/recorded/tls12-rsa-handshake.ndjson")) {
            lines =
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .filter(l -> !l.isBlank())
                            .toList();
        }
        String hs = null;
        String session = null;
        String serial = null;
        for (String l : lines) {
            JsonNode e = JSON.readTree(l);
            JsonNode data = e.get("data");
            if ("tls.handshake.completed".equals(e.get("type").asText())) {
                hs = data.get("handshakeId").asText();
                session = data.get("sessionId").asText();
            }
            if ("tls.handshake.certificate-sent".equals(e.get("type").asText())) {
                serial = data.get("serial").asText();
            }
        }
        String freshHs = UUID.randomUUID().toString();
        String freshSession = UUID.randomUUID().toString();
        List<String> fresh = new ArrayList<>();
        for (String l : lines) {
            JsonNode e = JSON.readTree(l);
            fresh.add(
                    l.replace(hs, freshHs)
                            .replace(session, freshSession)
                            .replace(e.get("id").asText(), UUID.randomUUID().toString()));
        }
        return new RecordedHandshake(freshHs, freshSession, serial, fresh);
    }

    /** Sends the recorded events to their topics, keyed by subject, in recorded order. */
    void publish(String bootstrap) throws Exception {
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(
                        Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            for (String l : lines) {
                JsonNode e = JSON.readTree(l);
                String type = e.get("type").asText();
                String topic =
                        type.startsWith("tls.handshake.")
                                ? "tls.handshakes"
                                : type.startsWith("tls.session.")
                                        ? "tls.sessions"
                                        : type.startsWith("tls.certificate.")
                                                ? "tls.certificates"
                                                : "tls.agents";
                producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        e.get("subject").asText(),
                                        l.getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
        }
    }

    /**
     * The revocation cascade as the CA and the session store publish it: the certificate is
     * revoked, the store terminates the session made with it and destroys its keys.
     */
    void revoke(String bootstrap) throws Exception {
        try (EventPublisher ca =
                        EventPublisher.create(
                                bootstrap, "/tlsuite/certificate-authority/test", Map.of());
                EventPublisher store =
                        EventPublisher.create(bootstrap, "/tlsuite/session-store/test", Map.of())) {
            ca.publish(
                            new CertificateRevoked(
                                    serial, "CN=localhost", "keyCompromise", Instant.now()))
                    .toCompletableFuture()
                    .get();
            store.publish(new SessionTerminated(sessionId, "certificate-revoked", serial))
                    .toCompletableFuture()
                    .get();
            store.publish(new SessionKeysDestroyed(sessionId, "terminated", 4, 160))
                    .toCompletableFuture()
                    .get();
        }
    }
}
