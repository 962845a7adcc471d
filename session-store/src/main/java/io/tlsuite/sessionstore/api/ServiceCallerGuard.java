package io.tlsuite.sessionstore.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.tlsuite.events.session.SessionKeysAccessDenied;
import io.tlsuite.sessionstore.SessionStoreConfig;
import io.tlsuite.sessionstore.domain.SessionEventSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.jboss.logging.Logger;

/**
 * Admits the handshake service, recognised by the shared service token in {@code Authorization:
 * Bearer <token>}. The token is {@code sessionstore.service-token} or, when that is unset, the
 * content of {@code sessionstore.service-token-file}, which is created with a random token on first
 * start so that a local run's services can share it. Every refusal is an audit log line (category
 * {@code io.tlsuite.sessionstore.audit}), a {@code session.keys-access-denied} event on {@code
 * tls.sessions} and a count in {@code sessionstore_access_denied_total}.
 */
@ApplicationScoped
public class ServiceCallerGuard {

    private static final Logger LOG = Logger.getLogger(ServiceCallerGuard.class);
    private static final Logger AUDIT = Logger.getLogger("io.tlsuite.sessionstore.audit");
    private static final String BEARER = "Bearer ";

    @Inject SessionStoreConfig config;
    @Inject MeterRegistry meters;
    @Inject SessionEventSink events;

    private volatile byte[] token;

    void init(@Observes StartupEvent event) {
        token();
    }

    private byte[] token() {
        byte[] t = token;
        if (t == null) {
            synchronized (this) {
                if (token == null) {
                    token = resolve().getBytes(StandardCharsets.UTF_8);
                }
                t = token;
            }
        }
        return t;
    }

    private String resolve() {
        var configured = config.serviceToken().map(String::trim).filter(s -> !s.isEmpty());
        if (configured.isPresent()) {
            LOG.info("Service token from sessionstore.service-token");
            return configured.get();
        }
        Path file = Path.of(config.serviceTokenFile()).toAbsolutePath();
        try {
            String token = TokenFile.readOrCreate(file);
            LOG.infof("Service token from %s (read, or created if absent)", file);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read or create the service token file " + file, e);
        }
    }

    /**
     * Lets the call through or throws {@link AccessDeniedException}: the service token admits, and
     * so does a verified client certificate with a URI subjectAltName in {@code
     * sessionstore.mtls.allowed-uris} (a name the suite's CA issues only through its admin-only
     * service profile).
     *
     * @param certificateUris URI subjectAltNames of the client certificate verified by TLS; null
     *     without a certificate
     * @param action what was attempted, e.g. {@code read-keys}
     * @param target the session concerned, for the audit line
     */
    public void require(
            String authorization,
            java.util.List<String> certificateUris,
            String action,
            String target,
            String remote) {
        boolean certified = certificateUris != null;
        if (certified
                && config.mtls()
                        .allowedUris()
                        .map(l -> certificateUris.stream().anyMatch(l::contains))
                        .orElse(false)) {
            return;
        }
        String certificateSubject =
                !certified ? null : certificateUris.isEmpty() ? "no-uri" : certificateUris.get(0);
        String reason;
        if (authorization == null || authorization.isBlank()) {
            reason = certificateSubject != null ? "certificate-not-allowed" : "missing-token";
        } else if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            reason = "not-bearer";
        } else {
            byte[] presented =
                    authorization
                            .substring(BEARER.length())
                            .trim()
                            .getBytes(StandardCharsets.UTF_8);
            if (MessageDigest.isEqual(presented, token())) {
                return;
            }
            reason = "wrong-token";
        }
        meters.counter("sessionstore.access.denied", "action", action, "reason", reason)
                .increment();
        AUDIT.warnf(
                "audit event=access-denied action=%s target=%s reason=%s remote=%s certificate=%s",
                action, safe(target), reason, safe(remote), safe(certificateSubject));
        events.publish(new SessionKeysAccessDenied(safe(target), action, reason, safe(remote)));
        throw new AccessDeniedException(!"missing-token".equals(reason));
    }

    /** Caller-supplied text in an audit line: no line breaks or odd characters, bounded. */
    private static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        String cut = value.length() > 128 ? value.substring(0, 128) : value;
        return cut.replaceAll("[^A-Za-z0-9._:\\[\\]/-]", "?");
    }
}
