package io.tlsuite.protocol.cert;

import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The trust anchors (root certificates) a peer's chain must lead to. */
public final class TrustStore {
    private final List<X509Certificate> anchors;

    /** Built once: the validator needs them for every chain, and TrustAnchor is immutable. */
    private final Set<TrustAnchor> trustAnchors;

    private TrustStore(List<X509Certificate> anchors) {
        this.anchors = List.copyOf(anchors);
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate c : this.anchors) {
            set.add(new TrustAnchor(c, null));
        }
        this.trustAnchors = Collections.unmodifiableSet(set);
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
        return trustAnchors;
    }
}
