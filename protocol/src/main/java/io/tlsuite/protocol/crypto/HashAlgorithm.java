package io.tlsuite.protocol.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.Map;

/** The hashes of the TLS 1.3 suites, with their HMAC. */
public enum HashAlgorithm {
    SHA256("SHA-256", "HmacSHA256", 32, 64),
    SHA384("SHA-384", "HmacSHA384", 48, 128);

    /**
     * One never-updated digest per hash, cloned for each use: the provider look-up of {@code
     * MessageDigest.getInstance} happens once per JVM, not per transcript, HMAC or digest. Cloning
     * only reads the prototype, so sharing it between threads is safe.
     */
    private static final Map<HashAlgorithm, MessageDigest> PROTOTYPES = prototypes();

    /**
     * A digest per thread and hash for one-shot work that finishes before it returns (HMAC, a
     * digest of one array): {@code digest()} resets it, which zeroes its state and buffer, so it
     * carries nothing from one use to the next.
     */
    private static final ThreadLocal<MessageDigest[]> SCRATCH =
            ThreadLocal.withInitial(() -> new MessageDigest[values().length]);

    /** Hash of the empty string per hash (a public constant). */
    private static final Map<HashAlgorithm, byte[]> EMPTY_HASHES =
            new EnumMap<>(HashAlgorithm.class);

    static {
        for (HashAlgorithm h : values()) {
            EMPTY_HASHES.put(h, h.newDigest().digest());
        }
    }

    private final String jcaName;
    private final String hmacName;
    private final int length;
    private final int blockLength;

    HashAlgorithm(String jcaName, String hmacName, int length, int blockLength) {
        this.jcaName = jcaName;
        this.hmacName = hmacName;
        this.length = length;
        this.blockLength = blockLength;
    }

    private static Map<HashAlgorithm, MessageDigest> prototypes() {
        Map<HashAlgorithm, MessageDigest> m = new EnumMap<>(HashAlgorithm.class);
        for (HashAlgorithm h : values()) {
            try {
                MessageDigest d = MessageDigest.getInstance(h.jcaName);
                copy(d); // fails here, once, if this provider's digests cannot be cloned
                m.put(h, d);
            } catch (NoSuchAlgorithmException | IllegalStateException e) {
                // Left out: newDigest() then asks the provider each time.
            }
        }
        return m;
    }

    /** A copy of {@code digest}'s current state. */
    static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(digest.getAlgorithm() + " cannot be cloned", e);
        }
    }

    public String jcaName() {
        return jcaName;
    }

    public String hmacName() {
        return hmacName;
    }

    public int length() {
        return length;
    }

    /** The HMAC block size (RFC 2104 "B"). */
    public int blockLength() {
        return blockLength;
    }

    public MessageDigest newDigest() {
        MessageDigest prototype = PROTOTYPES.get(this);
        if (prototype != null) {
            return copy(prototype);
        }
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " missing from the JDK", e);
        }
    }

    public byte[] digest(byte[] data) {
        return scratchDigest().digest(data);
    }

    /** Hash of the empty string (RFC 8446 §7.1 Derive-Secret with no messages); a copy. */
    public byte[] emptyHash() {
        return EMPTY_HASHES.get(this).clone();
    }

    /** This thread's reset digest; its user must finish with {@code digest()} before returning. */
    MessageDigest scratchDigest() {
        MessageDigest[] mine = SCRATCH.get();
        MessageDigest d = mine[ordinal()];
        if (d == null) {
            mine[ordinal()] = d = newDigest();
        }
        return d;
    }
}
