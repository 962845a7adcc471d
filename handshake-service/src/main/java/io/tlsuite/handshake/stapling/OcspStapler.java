package io.tlsuite.handshake.stapling;

import io.tlsuite.handshake.identity.ServerIdentity;
import io.tlsuite.protocol.config.CertifiedKey;
import io.tlsuite.protocol.config.OcspStapling;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The OCSP responses stapled to our certificates. For each credential of the current identity it
 * fetches a response from the CA on its own thread, keeps it in memory and fetches the next one
 * {@code refreshBefore} ahead of nextUpdate; after a failure it retries ({@code retryAfter},
 * doubling up to {@code refreshBefore}) and keeps stapling the previous response while that is
 * still fresh. {@link #responseFor} (called by the engines mid-handshake) is a map lookup: a
 * handshake never waits for the CA, it simply goes without a staple. A new identity (renewal,
 * re-enrolment) drops the responses of the old certificates. No framework: the Quarkus wiring is in
 * {@link StaplingWiring}.
 */
public final class OcspStapler implements OcspStapling, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OcspStapler.class);

    private final OcspResponderClient client;
    private final Clock clock;
    private final Duration refreshBefore;
    private final Duration retryAfter;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "ocsp-stapling");
                        t.setDaemon(true);
                        return t;
                    });
    private final Map<X509Certificate, FetchedResponse> responses = new ConcurrentHashMap<>();

    /** Per leaf of the current identity: the outcome of the last fetch (for readiness). */
    private final Map<X509Certificate, String> outcomes = new ConcurrentHashMap<>();

    private final AtomicLong generation = new AtomicLong();
    private volatile ServerIdentity identity;

    OcspStapler(
            OcspResponderClient client, Clock clock, Duration refreshBefore, Duration retryAfter) {
        this.client = client;
        this.clock = clock;
        this.refreshBefore = refreshBefore;
        this.retryAfter = retryAfter;
    }

    /**
     * A stapler asking the CA at {@code handshake.ca-url} (its {@code /ocsp}) with the {@code
     * handshake.stapling.*} timings; the caller feeds it identities ({@link #identityChanged}) and
     * closes it.
     */
    public static OcspStapler fromConfig(io.tlsuite.handshake.HandshakeConfig config) {
        String base = config.caUrl().endsWith("/") ? config.caUrl() : config.caUrl() + "/";
        return new OcspStapler(
                new OcspResponderClient(
                        java.net.URI.create(base).resolve("ocsp"),
                        config.stapling().timeout(),
                        Clock.systemUTC()),
                Clock.systemUTC(),
                config.stapling().refreshBefore(),
                config.stapling().retryAfter());
    }

    /** The identity changed: fetch for its certificates, forget the old ones'. */
    public void identityChanged(ServerIdentity id) {
        long gen = generation.incrementAndGet();
        identity = id;
        responses.keySet().removeIf(leaf -> !owns(id, leaf));
        outcomes.keySet().removeIf(leaf -> !owns(id, leaf));
        for (ServerIdentity.Credential c : id.credentials()) {
            scheduler.execute(() -> refresh(gen, c, retryAfter));
        }
    }

    private static boolean owns(ServerIdentity id, X509Certificate leaf) {
        return id.credentials().stream().anyMatch(c -> c.leaf().equals(leaf));
    }

    private void refresh(long gen, ServerIdentity.Credential c, Duration backoff) {
        if (gen != generation.get()) {
            return;
        }
        if (c.chain().size() < 2) {
            outcomes.put(c.leaf(), "no issuer certificate in the chain: nothing to staple");
            return;
        }
        Instant now = clock.instant();
        try {
            FetchedResponse r = client.fetch(c.leaf(), c.chain().get(1));
            if (gen != generation.get()) {
                return;
            }
            responses.put(c.leaf(), r);
            Instant next = r.refreshAt(refreshBefore, now.plus(retryAfter));
            outcomes.put(
                    c.leaf(), r.status() + " until " + r.nextUpdate() + ", next fetch at " + next);
            LOG.debugf(
                    "OCSP response for serial %s: %s, nextUpdate %s",
                    c.serial(), r.status(), r.nextUpdate());
            schedule(gen, c, retryAfter, Duration.between(now, next));
        } catch (OcspFetchException e) {
            FetchedResponse previous = responses.get(c.leaf());
            if (previous != null && !previous.freshAt(now)) {
                responses.remove(c.leaf());
            }
            outcomes.put(c.leaf(), "fetch failed: " + e.getMessage());
            LOG.warnf(
                    "No OCSP response to staple for serial %s (%s); retrying in %s",
                    c.serial(), e.getMessage(), backoff);
            Duration doubled = backoff.multipliedBy(2);
            schedule(
                    gen,
                    c,
                    doubled.compareTo(refreshBefore) > 0 ? refreshBefore : doubled,
                    backoff);
        } catch (RuntimeException e) {
            outcomes.put(c.leaf(), "fetch failed: " + e);
            LOG.error("OCSP stapling refresh failed", e);
            schedule(gen, c, refreshBefore, backoff);
        }
    }

    private void schedule(long gen, ServerIdentity.Credential c, Duration backoff, Duration in) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(
                    () -> refresh(gen, c, backoff),
                    Math.max(1, in.toMillis()),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** The fresh response for this identity's leaf, if any. Never blocks. */
    @Override
    public Optional<byte[]> responseFor(CertifiedKey key) {
        FetchedResponse r = responses.get(key.leaf());
        if (r == null || !r.freshAt(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(r.der());
    }

    /**
     * Whether every certificate of the current identity has had its first fetch (successful or
     * not); false before enrolment.
     */
    public boolean settled() {
        ServerIdentity id = identity;
        return id != null
                && id.credentials().stream().allMatch(c -> outcomes.containsKey(c.leaf()));
    }

    /** Per serial, the last fetch's outcome. */
    public Map<String, String> outcomes() {
        Map<String, String> out = new LinkedHashMap<>();
        ServerIdentity id = identity;
        if (id != null) {
            for (ServerIdentity.Credential c : id.credentials()) {
                out.put(c.serial(), outcomes.getOrDefault(c.leaf(), "first fetch pending"));
            }
        }
        return out;
    }

    public String responder() {
        return client.responder().toString();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
