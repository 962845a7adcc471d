package io.tlsuite.handshake.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Binds a REST handshake, and the session it opens, to the client that started it. The first step
 * returns a random secret once ({@code clientSecret}); every later step of the handshake and of its
 * session must present it in the {@value #HEADER} header. The service keeps only the secret's
 * SHA-256 digest (in memory and in the engine state other replicas resume), so neither a replica's
 * memory nor the session store can hand the secret out again.
 */
public final class ClientBinding {
    /** The request header that carries the secret on every step after the first. */
    public static final String HEADER = "Tlsuite-Client-Secret";

    private static final int SECRET_BYTES = 32;
    private static final int MAX_PRESENTED_LENGTH = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] digest;

    private ClientBinding(byte[] digest) {
        this.digest = digest;
    }

    /** A new secret for a new handshake, and the binding that checks it. */
    static Issued issue() {
        byte[] random = new byte[SECRET_BYTES];
        RANDOM.nextBytes(random);
        try {
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            return new Issued(secret, new ClientBinding(sha256(secret)));
        } finally {
            Arrays.fill(random, (byte) 0);
        }
    }

    /** The binding stored with an engine state (the digest, hex); null for a state without one. */
    static ClientBinding fromStored(String digestHex) {
        if (digestHex == null) {
            return null;
        }
        try {
            byte[] d = HexFormat.of().parseHex(digestHex);
            return d.length == 32 ? new ClientBinding(d) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** What is stored beside the engine: the digest, hex (never the secret). */
    String stored() {
        return HexFormat.of().formatHex(digest);
    }

    /**
     * Refuses a step whose caller does not present this handshake's secret: 401 when it presents
     * none, 403 when it presents another. A state stored without a binding (before this check
     * existed) belongs to no one and is refused alike.
     *
     * @param binding the handshake's or session's binding, null when its state carried none
     * @param what "handshake" or "session", for the message
     */
    static void check(ClientBinding binding, String presented, String what, String id) {
        if (presented == null || presented.isBlank()) {
            throw new RestProblem(
                            HandshakeProblems.CLIENT_SECRET_REQUIRED,
                            "send the clientSecret the first step of this "
                                    + what
                                    + " returned, in the "
                                    + HEADER
                                    + " header")
                    .with(what + "Id", id);
        }
        if (binding == null
                || presented.length() > MAX_PRESENTED_LENGTH
                || !MessageDigest.isEqual(binding.digest, sha256(presented.strip()))) {
            throw new RestProblem(
                            HandshakeProblems.CLIENT_SECRET_MISMATCH,
                            "this " + what + " belongs to the client that started it")
                    .with(what + "Id", id);
        }
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ClientBinding[redacted]";
    }

    /** A fresh secret (returned to the client once) and its binding (kept by the service). */
    record Issued(String secret, ClientBinding binding) {
        @Override
        public String toString() {
            return "Issued[secret redacted]";
        }
    }
}
