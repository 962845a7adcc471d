package io.tlsuite.agent.trust;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tlsuite.agent.config.AgentConfig;
import io.tlsuite.protocol.config.CertifiedKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The agent's trust store (whom it trusts: the CA root fetched at start, optionally pinned, plus
 * extra roots) and key store (what it owns: its key and the chain the CA issued for its CSR). Both
 * are written as PKCS#12 files under {@code agent.data-dir}. While the CA is unreachable the agent
 * is not ready, says why, and keeps trying in the background.
 */
@ApplicationScoped
public class AgentTrust {
    private static final Logger LOG = Logger.getLogger(AgentTrust.class);

    /** An immutable view of what is loaded. */
    public record Loaded(
            List<X509Certificate> roots,
            CertifiedKey clientIdentity,
            Path trustStore,
            Path keyStore) {}

    @Inject AgentConfig config;

    private volatile Loaded loaded;
    private volatile String problem = "not loaded yet";
    private volatile int attempts;
    private volatile boolean running;
    private Thread loader;
    private RevocationCache revocation;
    private CaClient ca;

    void start(@Observes StartupEvent event) {
        ca = new CaClient(config.caUrl());
        revocation =
                new RevocationCache(
                        new RevocationCheck(ca), Duration.ofSeconds(60), Clock.systemUTC());
        running = true;
        loader = new Thread(this::loadUntilDone, "agent-trust-loader");
        loader.setDaemon(true);
        loader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (loader != null) {
            loader.interrupt();
        }
    }

    private void loadUntilDone() {
        while (running && loaded == null) {
            attempts++;
            try {
                load();
                problem = null;
                LOG.infof(
                        "trust store %s holds %d root(s); key store %s",
                        loaded.trustStore(),
                        loaded.roots().size(),
                        loaded.keyStore() == null ? "(mutual TLS off)" : loaded.keyStore());
                return;
            } catch (IOException | RuntimeException e) {
                problem =
                        "CA at "
                                + config.caUrl()
                                + " unusable (attempt "
                                + attempts
                                + ", retrying every "
                                + config.caRetry().toSeconds()
                                + " s): "
                                + e.getMessage();
                if (attempts == 1 || attempts % 15 == 0) {
                    LOG.warn(problem);
                }
            }
            try {
                Thread.sleep(config.caRetry().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One attempt: root (checked against the pin), extra roots, then the client identity. */
    synchronized void load() throws IOException {
        X509Certificate root = ca.root();
        String fp = fingerprint(root);
        Optional<String> pin =
                config.rootSha256().map(AgentTrust::normalise).filter(s -> !s.isEmpty());
        if (pin.isPresent() && !pin.get().equals(fp)) {
            throw new IOException(
                    "the CA root's SHA-256 fingerprint "
                            + fp
                            + " does not match the pin "
                            + pin.get());
        }
        List<X509Certificate> roots = new ArrayList<>();
        roots.add(root);
        for (String file : config.extraRoots().orElse(List.of())) {
            if (!file.isBlank()) {
                roots.addAll(CaClient.certificates(Files.readString(Path.of(file.trim()))));
            }
        }
        Path dir = Path.of(config.dataDir());
        char[] password = config.storePassword().toCharArray();
        Path trustFile =
                Pkcs12Files.writeTrustStore(dir.resolve("truststore.p12"), roots, password);
        CertifiedKey identity = null;
        Path keyFile = null;
        if (config.mtlsEnabled()) {
            KeyPair pair = newKeyPair();
            List<X509Certificate> chain =
                    ca.issueClient(
                            ClientCsr.pem(pair, "client-agent-" + hostName()), provisionerToken());
            if (!chain.get(0).getPublicKey().equals(pair.getPublic())) {
                throw new IOException("the CA issued a certificate for another key");
            }
            keyFile =
                    Pkcs12Files.writeKeyStore(
                            dir.resolve("keystore.p12"), chain, pair.getPrivate(), password);
            identity = new CertifiedKey(chain, pair.getPrivate());
        }
        loaded = new Loaded(List.copyOf(roots), identity, trustFile, keyFile);
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        return h == null || h.isBlank() ? "local" : h;
    }

    public Optional<Loaded> loaded() {
        return Optional.ofNullable(loaded);
    }

    /** Why the stores are not loaded, or empty once they are. */
    public Optional<String> problem() {
        return Optional.ofNullable(loaded == null ? problem : null);
    }

    public RevocationCache revocation() {
        return revocation;
    }

    public static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String normalise(String hex) {
        return hex.replace(":", "").replace(" ", "").trim().toLowerCase(Locale.ROOT);
    }

    /** The configured provisioner token, else the one the local run's CA wrote. */
    private String provisionerToken() throws IOException {
        if (config.caToken().isPresent()) {
            return config.caToken().get().trim();
        }
        Path file = Path.of(config.caTokenFile());
        if (!java.nio.file.Files.isReadable(file)) {
            throw new IOException(
                    "no CA provisioner token: set agent.ca-token or let the CA write " + file);
        }
        return java.nio.file.Files.readString(file).trim();
    }
}
