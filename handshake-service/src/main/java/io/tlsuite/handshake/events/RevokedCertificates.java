package io.tlsuite.handshake.events;

import io.tlsuite.protocol.cert.RevocationChecker;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The serials the suite CA has revoked, as seen on {@code tls.certificates}: the revocation check
 * of client certificates (mTLS) on this instance. A serial not seen is GOOD; this instance only
 * knows revocations published since it started reading the topic (from the beginning).
 */
@ApplicationScoped
public class RevokedCertificates implements RevocationChecker {
    private final Set<BigInteger> serials = ConcurrentHashMap.newKeySet();

    public void revoked(String serialHex) {
        try {
            serials.add(new BigInteger(serialHex.replace(":", ""), 16));
        } catch (NumberFormatException ignored) {
            // not a serial of ours
        }
    }

    public boolean isRevoked(BigInteger serial) {
        return serials.contains(serial);
    }

    @Override
    public Status check(X509Certificate certificate, X509Certificate issuer) {
        return serials.contains(certificate.getSerialNumber()) ? Status.REVOKED : Status.GOOD;
    }
}
