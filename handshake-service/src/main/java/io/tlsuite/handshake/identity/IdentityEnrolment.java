package io.tlsuite.handshake.identity;

import io.tlsuite.handshake.HandshakeConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Gets and keeps the server's certificates: for each configured key type (ECDSA P-256, RSA-2048) a
 * fresh key pair, a CSR for the server's names, the CA's answer checked (the leaf must carry our
 * public key and chain to the root); then renewal of all of them at two thirds of the lifetime. The
 * identity changes as a whole: listeners never see a mix of old and new credentials. Retries with
 * exponential backoff while the CA is not there yet; {@link #status()} says why it is not enrolled.
 * No framework: the Quarkus wiring is in {@link IdentityWiring}.
 */
public final class IdentityEnrolment implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(IdentityEnrolment.class);

    private final CertificateAuthority ca;
    private final HandshakeConfig.Identity config;
    private final Clock clock;
    private final List<KeyType> keyTypes;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "identity-enrolment");
                        t.setDaemon(true);
                        return t;
                    });
    private final List<Consumer<ServerIdentity>> listeners = new CopyOnWriteArrayList<>();

    /** How often a replica sharing its identity looks for one another replica stored. */
    static final Duration FOLLOW_SHARED = Duration.ofSeconds(30);

    private final SharedIdentityFile shared;
    private final Set<String> discarded = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile ServerIdentity current;
    private volatile String status = "enrolment not started";
    private volatile int attempts;
    private volatile long enrolments;
    private ScheduledFuture<?> next;
    private Duration backoff;

    public IdentityEnrolment(
            CertificateAuthority ca, HandshakeConfig.Identity config, Clock clock) {
        this.ca = ca;
        this.config = config;
        this.clock = clock;
        this.backoff = config.retryInitial();
        this.keyTypes = keyTypes(config); // a typo in the configuration fails the start
        this.shared =
                config.sharedDir()
                        .filter(d -> !d.isBlank())
                        .map(d -> new SharedIdentityFile(java.nio.file.Path.of(d)))
                        .orElse(null);
    }

    /** Starts enrolling now, in the background. */
    public void start() {
        status = "enrolling at the CA";
        schedule(Duration.ZERO);
    }

    /** Throws the current certificate away and enrols again at once (e.g. it was revoked). */
    public void reenrol(String reason) {
        LOG.warnf("Re-enrolling: %s", reason);
        ServerIdentity now = current;
        if (now != null) {
            // Shared with other replicas: whichever acts first enrols, the others take its result.
            discarded.addAll(now.serials());
        }
        status = "re-enrolling: " + reason;
        backoff = config.retryInitial();
        schedule(Duration.ZERO);
    }

    /** Called with every new identity (first enrolment, renewal, re-enrolment). */
    public void onChange(Consumer<ServerIdentity> listener) {
        listeners.add(listener);
        ServerIdentity now = current;
        if (now != null) {
            listener.accept(now);
        }
    }

    public Optional<ServerIdentity> current() {
        return Optional.ofNullable(current);
    }

    /** A human-readable reason while not enrolled; the certificate's facts once enrolled. */
    public String status() {
        return status;
    }

    public int failedAttempts() {
        return attempts;
    }

    public long enrolments() {
        return enrolments;
    }

    private synchronized void schedule(Duration delay) {
        if (next != null) {
            next.cancel(false);
        }
        if (!scheduler.isShutdown()) {
            next = scheduler.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void attempt() {
        try {
            ServerIdentity identity =
                    shared == null
                            ? enrolFresh()
                            : shared.getOrEnrol(ca.root(), this::usable, this::enrolFresh);
            ServerIdentity now = current;
            if (now != null && now.serials().equals(identity.serials())) {
                schedule(nextLook(identity)); // another replica stored nothing new
                return;
            }
            install(identity);
        } catch (EnrolmentException e) {
            failed(e.getMessage());
        } catch (RuntimeException e) {
            failed("enrolment failed: " + e);
        }
    }

    private void failed(String reason) {
        ServerIdentity now = current;
        if (shared != null && now != null && usable(now)) {
            // Only a look for another replica's identity failed (e.g. the CA away for a moment):
            // ours is still good, look again later.
            LOG.debugf("shared identity not looked at: %s", reason);
            schedule(nextLook(now));
            return;
        }
        retry(reason);
    }

    private ServerIdentity enrolFresh() throws EnrolmentException {
        try {
            return enrol(names(true));
        } catch (EnrolmentException e) {
            if (!e.nameRefused()) {
                throw e;
            }
            // The CA's policy may not know this host's name: fall back to the loopback names.
            LOG.warnf(
                    "The CA refused some names (%s); enrolling for the loopback names only",
                    e.getMessage());
            return enrol(names(false));
        }
    }

    /** Whether a stored shared identity may be served: ours in kind, not due, not revoked. */
    private boolean usable(ServerIdentity stored) {
        if (stored.credentials().size() != keyTypes.size()) {
            return false;
        }
        for (int i = 0; i < keyTypes.size(); i++) {
            if (!keyTypes.get(i).matches(stored.credentials().get(i).leaf().getPublicKey())) {
                return false;
            }
        }
        return clock.instant().isBefore(stored.renewAt())
                && stored.serials().stream().noneMatch(discarded::contains);
    }

    /** When to look again: at renewal, and while shared, often enough to follow the others. */
    private Duration nextLook(ServerIdentity identity) {
        Duration untilRenewal = Duration.between(clock.instant(), identity.renewAt());
        if (untilRenewal.isNegative()) {
            untilRenewal = Duration.ZERO;
        }
        untilRenewal = untilRenewal.plusMillis(1);
        return shared != null && untilRenewal.compareTo(FOLLOW_SHARED) > 0
                ? FOLLOW_SHARED
                : untilRenewal;
    }

    private void retry(String reason) {
        attempts++;
        status =
                "not enrolled: "
                        + reason
                        + " (attempt "
                        + attempts
                        + ", next in "
                        + backoff.toMillis()
                        + " ms)";
        LOG.warn(status);
        schedule(backoff);
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(config.retryMax()) > 0 ? config.retryMax() : doubled;
    }

    private void install(ServerIdentity identity) {
        status = "enrolled: " + identity;
        enrolments++;
        attempts = 0;
        backoff = config.retryInitial();
        current = identity;
        Instant renewAt = identity.renewAt();
        LOG.infof(
                "Enrolled: %s, valid until %s, renewal at %s",
                identity.credentials(), identity.notAfter(), renewAt);
        for (Consumer<ServerIdentity> l : listeners) {
            try {
                l.accept(identity);
            } catch (RuntimeException e) {
                LOG.error("an identity listener failed", e);
            }
        }
        schedule(nextLook(identity));
    }

    private ServerIdentity enrol(Names names) throws EnrolmentException {
        X509Certificate root = ca.root();
        List<ServerIdentity.Credential> credentials = new ArrayList<>();
        for (KeyType type : keyTypes) {
            credentials.add(enrol(type, names, root));
        }
        return new ServerIdentity(credentials, root);
    }

    private static List<KeyType> keyTypes(HandshakeConfig.Identity config) {
        List<KeyType> types =
                config.keyTypes().stream()
                        .filter(s -> !s.isBlank())
                        .map(KeyType::fromConfig)
                        .distinct()
                        .toList();
        return types.isEmpty() ? List.of(KeyType.EC_P256) : types;
    }

    private ServerIdentity.Credential enrol(KeyType type, Names names, X509Certificate root)
            throws EnrolmentException {
        KeyPair keyPair = type.generate();
        String csr = CertificateSigningRequest.pem(keyPair, names.dns(), names.ips());
        CertificateAuthority.Issued issued = ca.issue(csr, "server", config.validity());
        check(issued, keyPair.getPublic(), root);
        List<X509Certificate> chain = new ArrayList<>();
        for (X509Certificate c : issued.chain()) {
            // The root is the client's trust anchor; a server does not send it (RFC 8446 §4.4.2).
            if (!c.equals(root)) {
                chain.add(c);
            }
        }
        return new ServerIdentity.Credential(chain, keyPair.getPrivate());
    }

    private static void check(
            CertificateAuthority.Issued issued, PublicKey ours, X509Certificate root)
            throws EnrolmentException {
        if (!issued.certificate().getPublicKey().equals(ours)) {
            throw new EnrolmentException("the CA returned a certificate for another key");
        }
        try {
            List<X509Certificate> chain = issued.chain();
            for (int i = 0; i < chain.size(); i++) {
                X509Certificate c = chain.get(i);
                X509Certificate issuer = i + 1 < chain.size() ? chain.get(i + 1) : root;
                if (c.equals(root)) {
                    break;
                }
                c.verify(issuer.getPublicKey());
            }
        } catch (GeneralSecurityException e) {
            throw new EnrolmentException(
                    "the CA's chain does not lead to its root: " + e.getMessage());
        }
    }

    record Names(List<String> dns, List<InetAddress> ips) {}

    /**
     * localhost, configured names and this host's name; 127.0.0.1, ::1 and configured addresses.
     */
    Names names(boolean all) {
        Set<String> dns = new LinkedHashSet<>();
        dns.add("localhost");
        List<InetAddress> ips = new ArrayList<>();
        try {
            ips.add(InetAddress.getByName("127.0.0.1"));
            if (all) {
                ips.add(InetAddress.getByName("::1"));
                for (String ip : config.ipAddresses().orElse(List.of())) {
                    ips.add(InetAddress.getByName(ip.trim()));
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "handshake.identity.ip-addresses: " + e.getMessage());
        }
        if (all) {
            config.dnsNames().orElse(List.of()).stream()
                    .map(s -> s.trim().toLowerCase(Locale.ROOT))
                    .filter(s -> !s.isEmpty())
                    .forEach(dns::add);
            if (config.includeHostname()) {
                hostName().ifPresent(dns::add);
            }
        }
        return new Names(List.copyOf(dns), ips);
    }

    private static Optional<String> hostName() {
        try {
            String h = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
            return h.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?") ? Optional.of(h) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
