package io.tlsuite.sessionstore.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Named secrets of one session (traffic secrets, keys, the resumption secret), owned by this object
 * until {@link #destroy()} overwrites them with zeros. {@link #toString()} never shows a byte of
 * them.
 */
public final class KeyMaterial implements AutoCloseable {

    /** How many named keys a session may hold. */
    public static final int MAX_KEYS = 16;

    /** Upper bound of one key's length: a SHA-384 secret is 48 bytes, so this is generous. */
    public static final int MAX_KEY_BYTES = 512;

    /** Upper bound of a name's length. */
    public static final int MAX_NAME_LENGTH = 64;

    private final Map<String, byte[]> keys;
    private boolean destroyed;

    private KeyMaterial(Map<String, byte[]> keys) {
        this.keys = keys;
    }

    /**
     * Takes ownership of the arrays (no copy): the caller must not keep or reuse them.
     *
     * @throws IllegalArgumentException when the map breaks the limits above
     */
    public static KeyMaterial adopt(Map<String, byte[]> keys) {
        if (keys.size() > MAX_KEYS) {
            throw new IllegalArgumentException("at most " + MAX_KEYS + " keys");
        }
        Map<String, byte[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : keys.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException(
                        "a key name must have 1 to " + MAX_NAME_LENGTH + " characters");
            }
            byte[] value = e.getValue();
            if (value == null || value.length == 0 || value.length > MAX_KEY_BYTES) {
                throw new IllegalArgumentException(
                        "key '" + name + "' must have 1 to " + MAX_KEY_BYTES + " bytes");
            }
            copy.put(name, value);
        }
        return new KeyMaterial(copy);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(keys.keySet());
    }

    /** The live array of a key (not a copy): do not keep it past {@link #destroy()}. */
    public byte[] get(String name) {
        checkAlive();
        return keys.get(name);
    }

    public Map<String, byte[]> view() {
        checkAlive();
        return Collections.unmodifiableMap(keys);
    }

    public int count() {
        return keys.size();
    }

    public int totalBytes() {
        int n = 0;
        for (byte[] v : keys.values()) {
            n += v.length;
        }
        return n;
    }

    /**
     * A compact binary form for sealing: {@code count, (nameLen, name, valueLen, value)*}. The
     * returned array holds the secrets: zeroise it after use.
     */
    public byte[] encode() {
        checkAlive();
        int size = 1;
        for (Map.Entry<String, byte[]> e : keys.entrySet()) {
            size +=
                    1
                            + e.getKey().getBytes(StandardCharsets.UTF_8).length
                            + 2
                            + e.getValue().length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put((byte) keys.size());
        for (Map.Entry<String, byte[]> e : keys.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            out.put((byte) name.length).put(name);
            out.putShort((short) e.getValue().length).put(e.getValue());
        }
        return out.array();
    }

    /** Inverse of {@link #encode()}; copies out of {@code encoded}, which the caller zeroises. */
    public static KeyMaterial decode(byte[] encoded) {
        ByteBuffer in = ByteBuffer.wrap(encoded);
        int count = Byte.toUnsignedInt(in.get());
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            byte[] name = new byte[Byte.toUnsignedInt(in.get())];
            in.get(name);
            byte[] value = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(value);
            keys.put(new String(name, StandardCharsets.UTF_8), value);
        }
        return new KeyMaterial(keys);
    }

    /** Overwrites every key with zeros and forgets them; idempotent. */
    public Destruction destroy() {
        if (destroyed) {
            return new Destruction(0, 0);
        }
        int count = keys.size();
        long bytes = 0;
        for (byte[] v : keys.values()) {
            bytes += v.length;
            Arrays.fill(v, (byte) 0);
        }
        keys.clear();
        destroyed = true;
        return new Destruction(count, bytes);
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public void close() {
        destroy();
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("key material was destroyed");
        }
    }

    @Override
    public String toString() {
        return "KeyMaterial[" + keys.size() + " keys, redacted]";
    }

    /** What a destruction overwrote. */
    public record Destruction(int keys, long bytes) {}
}
