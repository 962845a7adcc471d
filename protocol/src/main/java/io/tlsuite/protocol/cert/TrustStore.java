package io.tlsuite.protocol.cert;

import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The trust anchors (root certificates) a peer's chain must lead to. */
public final class TrustStore {
    private final List<X509Certificate> anchors;

    private TrustStore(List<X509Certificate> anchors) {
        this.anchors = List.copyOf(anchors);
    }

    public static TrustStore of(X509Certificate... anchors) {
        return new TrustStore(List.of(anchors));
    }

    public static TrustStore of(List<X509Certificate> anchors) {
        return new TrustStore(anchors);
    }

    public List<X509Certificate> anchors() {
        return anchors;
    }

    Set<TrustAnchor> trustAnchors() {
        Set<TrustAnchor> out = new HashSet<>();
        for (X509Certificate c : anchors) {
            out.add(new TrustAnchor(c, null));
        }
        return out;
    }
}
