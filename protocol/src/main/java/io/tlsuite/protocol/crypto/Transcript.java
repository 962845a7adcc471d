package io.tlsuite.protocol.crypto;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;

/**
 * The running transcript hash (RFC 8446 §4.4.1). Messages are buffered until the cipher suite, and
 * with it the hash, is known.
 */
public final class Transcript {
    /** RFC 8446 §4: HandshakeType message_hash (254), the synthetic message of §4.4.1. */
    private static final int MESSAGE_HASH = 254;

    private ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** Everything hashed so far, for {@link #bytes()} (moving a handshake to another engine). */
    private final ByteArrayOutputStream hashed = new ByteArrayOutputStream();

    private MessageDigest digest;
    private HashAlgorithm hash;

    public void add(byte[] handshakeMessage) {
        if (digest == null) {
            pending.writeBytes(handshakeMessage);
        } else {
            digest.update(handshakeMessage);
            hashed.writeBytes(handshakeMessage);
        }
    }

    /** The bytes behind the current hash (with message_hash in place of a first ClientHello). */
    public byte[] bytes() {
        return digest == null ? pending.toByteArray() : hashed.toByteArray();
    }

    /** A transcript that continues from {@link #bytes()} of another. */
    public static Transcript restore(HashAlgorithm hash, byte[] bytes) {
        Transcript t = new Transcript();
        t.add(bytes);
        if (hash != null) {
            t.startHash(hash);
        }
        return t;
    }

    public boolean hasHash() {
        return digest != null;
    }

    public void startHash(HashAlgorithm hash) {
        if (digest != null) {
            if (this.hash != hash) {
                throw new IllegalStateException("transcript hash already " + this.hash);
            }
            return;
        }
        this.hash = hash;
        digest = hash.newDigest();
        byte[] buffered = pending.toByteArray();
        digest.update(buffered);
        hashed.writeBytes(buffered);
        pending = null;
    }

    /** Hash of everything added so far. */
    public byte[] currentHash() {
        return hashWith(new byte[0]);
    }

    /** Hash of the transcript followed by {@code extra}, without adding it (PSK binders). */
    public byte[] hashWith(byte[] extra) {
        try {
            MessageDigest copy = (MessageDigest) digest.clone();
            copy.update(extra);
            return copy.digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * RFC 8446 §4.4.1: after a HelloRetryRequest, ClientHello1 is replaced by a synthetic
     * message_hash message carrying its hash. Call after {@link #startHash} with only ClientHello1
     * added.
     */
    public void replaceWithMessageHash() {
        byte[] ch1 = digest.digest();
        digest.reset();
        hashed.reset();
        byte[] header = {(byte) MESSAGE_HASH, 0, 0, (byte) ch1.length};
        digest.update(header);
        digest.update(ch1);
        hashed.writeBytes(header);
        hashed.writeBytes(ch1);
    }
}
