package io.tlsuite.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything a user may set on the agent; the README lists each property with its default. */
@ConfigMapping(prefix = "agent")
public interface AgentConfig {

    /** Base URL of the certificate authority (root, client certificate, OCSP and CRL). */
    @WithName("ca-url")
    @WithDefault("http://localhost:8081")
    String caUrl();

    /**
     * The CA provisioner token sent as {@code Authorization: Bearer} to obtain the client
     * certificate; when unset it is read from {@link #caTokenFile()} at each enrolment.
     */
    @WithName("ca-token")
    Optional<String> caToken();

    /**
     * Where the local run's CA writes the agent's own provisioner token (0600): a provisioner
     * allowed client certificates only.
     */
    @WithName("ca-token-file")
    @WithDefault("${TLSUITE_DATA_DIR:.suite}/ca-provisioners/client-agent-token")
    String caTokenFile();

    /** Where the trust store and key store files live ({@code .suite/agent} in the local run). */
    @WithName("data-dir")
    @WithDefault("./.suite/agent")
    String dataDir();

    /** Optional SHA-256 fingerprint (hex, colons allowed) the fetched CA root must have. */
    @WithName("root-sha256")
    Optional<String> rootSha256();

    /** Extra PEM files of roots to trust besides the CA's. */
    @WithName("extra-roots")
    Optional<List<String>> extraRoots();

    /** Password of both PKCS#12 files (local run default; set it in any deployment). */
    @WithName("store-password")
    @WithDefault("changeit")
    String storePassword();

    /** Whether the agent enrols a client certificate (profile client) for mutual TLS. */
    @WithName("mtls.enabled")
    @WithDefault("true")
    boolean mtlsEnabled();

    /**
     * Whether the agent asks servers to staple an OCSP response (status_request, RFC 6066 §8 and
     * RFC 8446 §4.4.2.1) and checks a stapled response before asking the responder itself.
     */
    @WithName("ocsp-stapling")
    @WithDefault("true")
    boolean ocspStapling();

    /** Pause between attempts to reach the CA while it is down at start. */
    @WithName("ca-retry")
    @WithDefault("2s")
    Duration caRetry();

    /** Default target of the tcp transport, host:port. */
    @WithName("tcp-target")
    @WithDefault("localhost:8443")
    String tcpTarget();

    /** Default target of the rest transport: the handshake service's base URL. */
    @WithName("rest-target")
    @WithDefault("http://localhost:8082")
    String restTarget();

    /** Domain of the handshake service's lab identities (expired.DOMAIN, revoked.DOMAIN, ...). */
    @WithName("lab-domain")
    @WithDefault("lab.localhost")
    String labDomain();

    /** Upper bounds a run may ask for. */
    @WithName("max-count")
    @WithDefault("1000000")
    int maxCount();

    @WithName("max-concurrency")
    @WithDefault("256")
    int maxConcurrency();

    @WithName("max-duration")
    @WithDefault("1h")
    Duration maxDuration();

    /** Connect and read timeout of one connection. */
    @WithName("io-timeout")
    @WithDefault("10s")
    Duration ioTimeout();

    /** How many finished runs are kept for GET /api/v1/runs. */
    @WithName("runs-kept")
    @WithDefault("100")
    int runsKept();
}
