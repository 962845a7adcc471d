package io.tlsuite.service.events;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A readiness check for one of the service's Kafka consumers: DOWN while it cannot be made (Kafka
 * not there, its name not resolving), with the reason; UP once made, with the age of its last poll.
 * Not DOWN on a slow consumer: the session store's cascade waits on the CA while it confirms a
 * revocation, and a CA away must not take the store out of service. A service subclasses it as a
 * {@code @Readiness} bean.
 */
public abstract class ConsumerReadiness implements HealthCheck {

    /** The check's name in {@code /q/health/ready}. */
    protected abstract String name();

    /** Whether the consumer is switched on at all. */
    protected abstract boolean enabled();

    protected abstract PatientConsumer consumer();

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named(name());
        if (!enabled()) {
            return b.up().withData("state", "disabled").build();
        }
        var waiting = consumer().waiting();
        if (waiting.isPresent()) {
            return b.down().withData("reason", waiting.get()).build();
        }
        long last = consumer().lastPollMillis();
        return b.up().withData("state", "made")
                .withData(
                        "lastPoll",
                        last == 0 ? "never" : (System.currentTimeMillis() - last) + " ms ago")
                .build();
    }
}
