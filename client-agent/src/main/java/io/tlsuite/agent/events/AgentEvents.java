package io.tlsuite.agent.events;

import io.quarkus.runtime.ShutdownEvent;
import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.kafka.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Publishes the agent's events on {@code tls.agents} without ever making a handshake wait for
 * Kafka: events go to a bounded queue that one thread drains; when the queue is full (a broker
 * outage during a long load run) the newest events are dropped and counted.
 */
@ApplicationScoped
public class AgentEvents {
    private static final Logger LOG = Logger.getLogger(AgentEvents.class);
    private static final int CAPACITY = 50_000;

    @Inject EventPublisher kafka;

    private final BlockingQueue<LifecycleEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Thread sender;
    private volatile boolean running = true;

    public void publish(LifecycleEvent event) {
        ensureSender();
        if (!queue.offer(event)) {
            if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.warnf("event queue full: %d agent events dropped so far", dropped.get());
            }
        }
    }

    public long dropped() {
        return dropped.get();
    }

    private synchronized void ensureSender() {
        if (sender == null) {
            sender = new Thread(this::drain, "agent-events");
            sender.setDaemon(true);
            sender.start();
        }
    }

    private void drain() {
        while (running) {
            try {
                LifecycleEvent e = queue.poll(500, TimeUnit.MILLISECONDS);
                if (e != null) {
                    kafka.publish(e)
                            .exceptionally(
                                    t -> {
                                        if (failed.incrementAndGet() % 1000 == 1) {
                                            LOG.warnf(
                                                    "publishing agent events fails (%d so far): %s",
                                                    failed.get(), t.getClass().getSimpleName());
                                        }
                                        return null;
                                    });
                }
            } catch (InterruptedException ie) {
                return;
            } catch (RuntimeException re) {
                failed.incrementAndGet();
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = sender;
        if (t != null) {
            t.interrupt();
        }
    }
}
