package io.tlsuite.protocol.crypto;

import java.util.Locale;
import java.util.Objects;

/**
 * The process-wide choice of {@link CryptoBackend}, like the JDK's own provider list. The default
 * is {@link #bouncyCastleCurves()}; the system property {@code tlsuite.crypto=jdk} starts with
 * {@link #jdk()} instead. {@link #use} switches at run time (benchmarks compare both in one run).
 */
public final class CryptoBackends {
    /**
     * The system property that picks the backend at start: {@code bc-curves} (default) or {@code
     * jdk}.
     */
    public static final String PROPERTY = "tlsuite.crypto";

    private static volatile CryptoBackend active =
            byName(System.getProperty(PROPERTY, "bc-curves"));

    private CryptoBackends() {}

    /** Everything from the JDK's providers (SunEC, SunJCE, SunRsaSign). */
    public static CryptoBackend jdk() {
        return JdkCryptoBackend.INSTANCE;
    }

    /**
     * Bouncy Castle's low-level curve code where it is faster than JDK 17's: X25519 and X448 (RFC
     * 7748), ECDHE and ECDSA on P-256/384/521 (fixed-point comb for the base point, RFC 6979
     * deterministic nonces), Ed25519 (RFC 8032); the JDK for the rest (finite-field DH, RSA, and
     * keys it cannot read, such as hardware-held ones).
     */
    public static CryptoBackend bouncyCastleCurves() {
        return BcCryptoBackend.INSTANCE;
    }

    /** The backend {@link NamedGroup} and {@link SignatureScheme} use now. */
    public static CryptoBackend active() {
        return active;
    }

    /** Makes {@code backend} the active one for the whole process. */
    public static void use(CryptoBackend backend) {
        active = Objects.requireNonNull(backend, "backend");
    }

    /** {@code jdk} or {@code bc-curves} (also {@code bc}). */
    public static CryptoBackend byName(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "jdk" -> jdk();
            case "bc", "bc-curves" -> bouncyCastleCurves();
            default ->
                    throw new IllegalArgumentException(
                            PROPERTY + " must be jdk or bc-curves, not " + name);
        };
    }
}
