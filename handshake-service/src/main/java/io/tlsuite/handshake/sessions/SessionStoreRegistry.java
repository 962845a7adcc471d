package io.tlsuite.handshake.sessions;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Registers and closes sessions in the session store without making a connection wait: each call
 * only queues the operation. One sender thread takes what is queued, in order, and sends it in one
 * request ({@code POST /api/v1/session-batches}, up to {@code batchMaxOperations} operations),
 * having waited up to {@code batchLinger} after the first for others to join it; so under load many
 * sessions share one HTTP exchange instead of costing two each, and a session's registration always
 * reaches the store before its close. A store without the batch endpoint gets single calls. A store
 * that is down costs failed registrations (logged and counted), never a failed handshake; {@link
 * #close()} sends what is queued before the application stops.
 */
public final class SessionStoreRegistry implements SessionRegistry, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SessionStoreRegistry.class);

    /** What may wait while the store is slow; beyond it registrations are refused and counted. */
    static final int QUEUE_CAPACITY = 10_000;

    private static final Duration FLUSH_AT_CLOSE = Duration.ofSeconds(5);
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final SessionStoreApi api;
    private final int maxBatch;
    private final long lingerNanos;
    private final LinkedBlockingQueue<SessionOperation> queue =
            new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread sender;
    private final AtomicLong registered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean batchSupported = true;
    private volatile String lastProblem;

    public SessionStoreRegistry(
            String baseUrl,
            Optional<String> token,
            Path tokenFile,
            ObjectMapper json,
            int maxBatch,
            Duration linger) {
        this.api =
                new SessionStoreApi(
                        URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/"),
                        new SessionStoreToken(token, tokenFile),
                        json);
        this.maxBatch = Math.max(1, maxBatch);
        this.lingerNanos = Math.max(0, linger.toNanos());
        this.sender = new Thread(this::sendLoop, "session-store-client");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void registered(CompletedSession session) {
        SessionOperation.Registration r = new SessionOperation.Registration(session);
        if (!running || !queue.offer(r)) {
            r.discard();
            failure(running ? "registration queue full" : "shutting down", session.sessionId());
        }
    }

    @Override
    public void closed(String sessionId, String closedBy, String reason) {
        if (!running || !queue.offer(new SessionOperation.Closing(sessionId, closedBy, reason))) {
            LOG.warnf(
                    "cannot close session %s in the store: too many operations queued", sessionId);
        }
    }

    private void sendLoop() {
        List<SessionOperation> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                SessionOperation first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                fill(batch);
                send(batch);
            } catch (InterruptedException e) {
                return; // close() gave up waiting: it destroys what is left
            } catch (RuntimeException e) {
                LOG.warnf("session store client: %s", e.toString());
            } finally {
                batch.forEach(SessionStoreRegistry::discard);
                batch.clear();
            }
        }
    }

    /** Adds what is queued, waiting up to the linger (none once closing) for the batch to fill. */
    private void fill(List<SessionOperation> batch) throws InterruptedException {
        long deadline = System.nanoTime() + lingerNanos;
        queue.drainTo(batch, maxBatch - batch.size());
        while (batch.size() < maxBatch && running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            // In slices, so that close() does not wait out a long linger.
            SessionOperation next = queue.poll(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS);
            if (next == null) {
                continue;
            }
            batch.add(next);
            queue.drainTo(batch, maxBatch - batch.size());
        }
    }

    private void send(List<SessionOperation> batch) {
        if (batch.size() > 1 && batchSupported) {
            try {
                List<SessionStoreApi.Outcome> outcomes = api.batch(batch);
                for (int i = 0; i < batch.size(); i++) {
                    settle(batch.get(i), outcomes.get(i));
                }
                return;
            } catch (SessionStoreApi.BatchUnsupported e) {
                batchSupported = false;
                LOG.infof("%s: registering sessions one request at a time", e.getMessage());
            } catch (IOException | RuntimeException e) {
                SessionStoreApi.Outcome lost = new SessionStoreApi.Outcome(false, problem(e));
                batch.forEach(op -> settle(op, lost));
                return;
            }
        }
        for (SessionOperation op : batch) {
            SessionStoreApi.Outcome outcome;
            try {
                outcome =
                        op instanceof SessionOperation.Registration r
                                ? api.register(r.session())
                                : api.close((SessionOperation.Closing) op);
            } catch (IOException | RuntimeException e) {
                outcome = new SessionStoreApi.Outcome(false, problem(e));
            }
            settle(op, outcome);
        }
    }

    private void settle(SessionOperation op, SessionStoreApi.Outcome outcome) {
        if (op instanceof SessionOperation.Registration r) {
            r.discard();
            if (outcome.ok()) {
                registered.incrementAndGet();
            } else {
                failure(outcome.problem(), r.sessionId());
            }
        } else if (!outcome.ok()) {
            LOG.warnf(
                    "cannot close session %s in the store: %s", op.sessionId(), outcome.problem());
        }
    }

    private static void discard(SessionOperation op) {
        if (op instanceof SessionOperation.Registration r) {
            r.discard();
        }
    }

    private static String problem(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private void failure(String problem, String sessionId) {
        failed.incrementAndGet();
        lastProblem = problem;
        LOG.warnf("session %s not registered in the session store: %s", sessionId, problem);
    }

    public String lastProblem() {
        return lastProblem;
    }

    @Override
    public long registeredCount() {
        return registered.get();
    }

    @Override
    public long failedCount() {
        return failed.get();
    }

    /** HTTP requests sent to the store since start (a batch is one). */
    public long requestsSent() {
        return api.requests();
    }

    /**
     * Stops taking operations and sends what is queued (up to a few seconds); what is still queued
     * after that is dropped, its secrets destroyed and its registrations counted as failed.
     */
    @Override
    public void close() {
        running = false;
        try {
            sender.join(FLUSH_AT_CLOSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sender.isAlive()) {
            sender.interrupt();
        }
        List<SessionOperation> left = new ArrayList<>();
        queue.drainTo(left);
        for (SessionOperation op : left) {
            if (op instanceof SessionOperation.Registration r) {
                r.discard();
                failure("not sent before shutdown", r.sessionId());
            }
        }
    }
}
