package io.tlsuite.handshake.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tlsuite.handshake.HandshakeConfig;
import io.tlsuite.handshake.identity.CaToken;
import io.tlsuite.handshake.identity.CertificateSigningRequest;
import io.tlsuite.handshake.identity.IdentityEnrolment;
import io.tlsuite.handshake.identity.ServerIdentity;
import io.tlsuite.handshake.stapling.OcspStapler;
import io.tlsuite.protocol.cert.PkixCertificateValidator;
import io.tlsuite.protocol.cert.TrustStore;
import io.tlsuite.protocol.config.ClientAuth;
import io.tlsuite.protocol.config.TlsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The lab: extra server identities on the TLS port, chosen by the SNI name of the ClientHello (in
 * the manner of badssl.com), so that clients meet real bad servers: {@code expired.}, {@code
 * revoked.}, {@code wrong-host.}, {@code self-signed.}, {@code untrusted-root.}, {@code tls10.},
 * {@code downgrade.} and {@code mtls.} under {@code lab.domain}. The CA issues every certificate
 * that claims to be from it (backdated or revoked with its admin token); self-signed and untrusted
 * ones are made here. Any other name goes to the normal engine.
 */
@ApplicationScoped
public class LabServers {
    private static final Logger LOG = Logger.getLogger(LabServers.class);

    @Inject LabConfig config;
    @Inject HandshakeConfig handshake;
    @Inject IdentityEnrolment enrolment;
    @Inject ObjectMapper json;

    private final Map<String, LabIdentity> byName = new ConcurrentHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private volatile boolean built;

    /** Staples the revoked. identity's OCSP response (null with stapling off). */
    private volatile OcspStapler revokedStapler;

    private volatile boolean running;
    private Thread builder;

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        builder = new Thread(this::buildWhenEnrolled, "lab-identities");
        builder.setDaemon(true);
        builder.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (builder != null) {
            builder.interrupt();
        }
        if (revokedStapler != null) {
            revokedStapler.close();
        }
    }

    public boolean enabled() {
        return config.enabled();
    }

    /**
     * Whether every identity that can be built was built (and the revoked. identity's first OCSP
     * fetch for its staple is done).
     */
    public boolean ready() {
        OcspStapler s = revokedStapler;
        return !config.enabled() || (built && (s == null || s.settled()));
    }

    /** Per serial, the outcome of the revoked. identity's last OCSP fetch (empty without). */
    public Map<String, String> staplingOutcomes() {
        OcspStapler s = revokedStapler;
        return s == null ? Map.of() : s.outcomes();
    }

    public List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }

    public List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    private void buildWhenEnrolled() {
        long pause = 1000;
        while (running && !built) {
            Optional<ServerIdentity> id = enrolment.current();
            if (id.isPresent()) {
                try {
                    build(id.get().root());
                    built = true;
                    LOG.infof(
                            "lab identities on the TLS port: %s%s",
                            names(), problems().isEmpty() ? "" : " (" + problems() + ")");
                    return;
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("lab identities not built yet: %s", e.getMessage());
                    pause = Math.min(10_000, pause * 2);
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String token() {
        if (config.caAdminToken().filter(t -> !t.isBlank()).isPresent()) {
            return config.caAdminToken().get().trim();
        }
        try {
            Path f = Path.of(config.caAdminTokenFile());
            return Files.isReadable(f) ? Files.readString(f).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void build(X509Certificate root) throws IOException {
        String d = config.domain();
        String token = token();
        LabCa ca =
                new LabCa(
                        handshake.caUrl(),
                        token,
                        new CaToken(handshake.caToken(), Path.of(handshake.caTokenFile())),
                        json);
        TlsConfig.Builder base =
                TlsConfig.builder()
                        .versions(
                                io.tlsuite.protocol.codec.ProtocolVersion.TLS_1_3,
                                io.tlsuite.protocol.codec.ProtocolVersion.TLS_1_2);

        KeyPair k = LocalCertificates.ecKeyPair();
        LabCa.Issued wrong = ca.issue(csr(k, "other-host." + d), 30);
        put(
                "wrong-host." + d,
                LabIdentity.ENGINE,
                base.certificate(wrong.chain(), k.getPrivate()).build(),
                "valid CA certificate for other-host." + d);

        k = LocalCertificates.ecKeyPair();
        LabCa.Issued mtls = ca.issue(csr(k, "mtls." + d), 30);
        put(
                "mtls." + d,
                LabIdentity.ENGINE,
                TlsConfig.builder()
                        .certificate(mtls.chain(), k.getPrivate())
                        .clientAuth(ClientAuth.REQUIRED)
                        .certificateValidator(new PkixCertificateValidator(TrustStore.of(root)))
                        .build(),
                "requires a client certificate from the suite CA");

        k = LocalCertificates.ecKeyPair();
        LabCa.Issued down = ca.issue(csr(k, "downgrade." + d), 30);
        put(
                "downgrade." + d,
                LabIdentity.DOWNGRADE,
                TlsConfig.builder().certificate(down.chain(), k.getPrivate()).build(),
                "TLS 1.3 and 1.2 server behind a man in the middle that strips supported_versions");

        k = LocalCertificates.ecKeyPair();
        put(
                "self-signed." + d,
                LabIdentity.ENGINE,
                TlsConfig.builder()
                        .certificate(
                                List.of(LocalCertificates.selfSigned(k, "self-signed." + d)),
                                k.getPrivate())
                        .build(),
                "self-signed certificate");

        KeyPair rootKeys = LocalCertificates.ecKeyPair();
        X509Certificate otherRoot =
                LocalCertificates.root(rootKeys, "O=TLS Suite Lab,CN=Untrusted Lab Root");
        k = LocalCertificates.ecKeyPair();
        X509Certificate leaf =
                LocalCertificates.leaf(
                        k.getPublic(), "untrusted-root." + d, otherRoot, rootKeys.getPrivate());
        put(
                "untrusted-root." + d,
                LabIdentity.ENGINE,
                TlsConfig.builder().certificate(List.of(leaf, otherRoot), k.getPrivate()).build(),
                "chain to a root nobody trusts");

        put(
                "tls10." + d,
                LabIdentity.TLS10,
                null,
                "answers every ClientHello with a TLS 1.0 ServerHello");

        if (!ca.isAdmin()) {
            synchronized (problems) {
                problems.add(
                        "no CA admin token (lab.ca-admin-token or "
                                + config.caAdminTokenFile()
                                + "): expired."
                                + d
                                + " and revoked."
                                + d
                                + " are not served");
            }
            return;
        }
        k = LocalCertificates.ecKeyPair();
        Instant now = Instant.now();
        LabCa.Issued expired =
                ca.issueBackdated(
                        csr(k, "expired." + d),
                        now.minus(Duration.ofDays(30)),
                        now.minus(Duration.ofDays(1)));
        put(
                "expired." + d,
                LabIdentity.ENGINE,
                TlsConfig.builder().certificate(expired.chain(), k.getPrivate()).build(),
                "CA certificate that expired a day ago (serial " + expired.serial() + ")");

        k = LocalCertificates.ecKeyPair();
        LabCa.Issued revoked = ca.issue(csr(k, "revoked." + d), 30);
        ca.revoke(revoked.serial());
        TlsConfig.Builder revokedConfig =
                TlsConfig.builder().certificate(revoked.chain(), k.getPrivate());
        if (handshake.stapling().enabled()) {
            // Like any server, it staples what the CA's responder says about it: revoked. A client
            // that checks the staple refuses without asking the responder itself.
            OcspStapler stapler = OcspStapler.fromConfig(handshake);
            stapler.identityChanged(new ServerIdentity(revoked.chain(), k.getPrivate(), root));
            revokedConfig.ocspStapling(stapler);
            revokedStapler = stapler;
        }
        put(
                "revoked." + d,
                LabIdentity.ENGINE,
                revokedConfig.build(),
                "CA certificate revoked at the CA (serial "
                        + revoked.serial()
                        + "; OCSP, CRL"
                        + (revokedStapler != null ? " and its stapled OCSP response" : "")
                        + " say so)");
    }

    private static String csr(KeyPair k, String dns) {
        return CertificateSigningRequest.pem(k, List.of(dns), List.of());
    }

    private void put(String name, String kind, TlsConfig c, String what) {
        byName.put(name, new LabIdentity(name, kind, c, what));
    }

    /**
     * The TLS port's hook: reads the first record and, when its ClientHello names a lab identity,
     * serves the whole connection here and returns null; otherwise returns a stream that replays
     * the bytes read, then the socket's.
     */
    public InputStream intercept(Socket socket, InputStream in) throws IOException {
        if (!config.enabled() || byName.isEmpty()) {
            return in;
        }
        byte[] first = FirstRecord.read(in);
        ClientHelloBytes hello = first == null ? null : ClientHelloBytes.parse(first);
        String name = hello == null ? null : hello.serverName();
        LabIdentity lab = name == null ? null : byName.get(name);
        if (lab == null) {
            return first == null
                    ? in
                    : new SequenceInputStream(new ByteArrayInputStream(first), in);
        }
        new LabConnection(lab, socket, in, socket.getOutputStream()).serve(hello, first);
        return null;
    }
}
