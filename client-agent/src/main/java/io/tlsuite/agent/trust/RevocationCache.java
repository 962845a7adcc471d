package io.tlsuite.agent.trust;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps definite revocation answers (good or revoked) for a short while, as real clients cache OCSP
 * responses until nextUpdate: a load run then asks the CA once per certificate, not once per
 * handshake. Unknown answers are never kept, so an unreachable responder is asked again.
 */
public final class RevocationCache {
    private record Entry(RevocationCheck.Verdict verdict, long until) {}

    private final RevocationCheck check;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public RevocationCache(RevocationCheck check, Duration ttl, Clock clock) {
        this.check = check;
        this.ttl = ttl;
        this.clock = clock;
    }

    public RevocationCheck.Verdict check(X509Certificate cert, X509Certificate issuer) {
        String key = cert.getIssuerX500Principal().getName() + "#" + cert.getSerialNumber();
        long now = clock.millis();
        Entry e = entries.get(key);
        if (e != null && e.until > now) {
            RevocationCheck.Verdict v = e.verdict;
            return new RevocationCheck.Verdict(v.status(), v.method(), v.detail() + " (cached)");
        }
        RevocationCheck.Verdict v = check.check(cert, issuer);
        if (v.status() != RevocationCheck.Status.UNKNOWN && !ttl.isZero()) {
            entries.put(key, new Entry(v, now + ttl.toMillis()));
        }
        return v;
    }

    public void clear() {
        entries.clear();
    }
}
