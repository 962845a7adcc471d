package io.tlsuite.dashboard.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the reader holds partitions of the suite's topics and polls them. */
@Readiness
@ApplicationScoped
class ReaderHealth implements HealthCheck {

    private final TopicReader reader;

    ReaderHealth(TopicReader reader) {
        this.reader = reader;
    }

    @Override
    public HealthCheckResponse call() {
        TopicReader.Status s = reader.status();
        boolean polling = System.currentTimeMillis() - s.lastPollMillis() < 30_000;
        return HealthCheckResponse.named("Kafka topic reader")
                .status(s.running() && s.partitions() > 0 && polling && s.lastError() == null)
                .withData("partitions", s.partitions())
                .withData("records", s.records())
                .withData("malformed", s.malformed())
                .withData("lastError", s.lastError() == null ? "none" : s.lastError())
                .build();
    }
}
