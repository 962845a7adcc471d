package io.tlsuite.sessionstore.store;

import io.tlsuite.sessionstore.domain.KeySealer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of key material at rest with AES-GCM (NIST SP 800-38D): a fresh 96-bit nonce
 * per blob, a 128-bit tag, and the blob's context (session or ticket id) as associated data. Blobs
 * name the envelope key that sealed them, so several keys can be configured at once: new blobs use
 * the active one, older ones still open with theirs until rotation rewraps them.
 *
 * <p>Blob layout: {@code 0x01 | keyIdLength | keyId | nonce(12) | ciphertext+tag}.
 */
public final class EnvelopeCipher implements KeySealer {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final byte[] activeKeyIdBytes;
    private final SecureRandom random = new SecureRandom();

    /**
     * One AES-GCM cipher per thread, initialised again (key, fresh nonce) for each blob: the
     * provider lookup of {@code Cipher.getInstance} is paid once per thread, not once per blob.
     */
    private static final ThreadLocal<Cipher> CIPHER =
            ThreadLocal.withInitial(
                    () -> {
                        try {
                            return Cipher.getInstance("AES/GCM/NoPadding");
                        } catch (GeneralSecurityException e) {
                            throw new IllegalStateException("AES/GCM is not available", e);
                        }
                    });

    public EnvelopeCipher(Map<String, SecretKey> keys, String activeKeyId) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException(
                    "active envelope key '" + activeKeyId + "' is not configured");
        }
        this.keys = Map.copyOf(keys);
        this.activeKeyId = activeKeyId;
        this.activeKeyIdBytes = activeKeyId.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses {@code id:base64key,id:base64key}; the active key is {@code active} or, when blank,
     * the first listed.
     */
    public static EnvelopeCipher fromSpec(String spec, String active) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.indexOf(':');
            if (colon <= 0 || colon > 64) {
                throw new IllegalArgumentException("envelope keys are written id:base64key");
            }
            String id = item.substring(0, colon);
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(item.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("envelope key '" + id + "' is not base64");
            }
            if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
                throw new IllegalArgumentException(
                        "envelope key '" + id + "' must be 16, 24 or 32 bytes");
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
            Arrays.fill(raw, (byte) 0);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no envelope key configured");
        }
        String activeId =
                active == null || active.isBlank()
                        ? keys.keySet().iterator().next()
                        : active.trim();
        return new EnvelopeCipher(keys, activeId);
    }

    /** A cipher with one random key that lives as long as this JVM (in-memory backend only). */
    public static EnvelopeCipher ephemeral() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        SecretKey key = new SecretKeySpec(raw, "AES");
        Arrays.fill(raw, (byte) 0);
        return new EnvelopeCipher(Map.of("ephemeral", key), "ephemeral");
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    @Override
    public byte[] seal(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    keys.get(activeKeyId),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed =
                    new byte
                            [2
                                    + activeKeyIdBytes.length
                                    + NONCE_BYTES
                                    + cipher.getOutputSize(plaintext.length)];
            ByteBuffer out = ByteBuffer.wrap(sealed);
            out.put(VERSION).put((byte) activeKeyIdBytes.length).put(activeKeyIdBytes).put(nonce);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, out.position());
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    @Override
    public byte[] open(byte[] sealed, String context) {
        Header h = header(sealed);
        SecretKey key = keys.get(h.keyId);
        if (key == null) {
            throw new IllegalStateException("envelope key '" + h.keyId + "' is not configured");
        }
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    key,
                    new GCMParameterSpec(TAG_BITS, sealed, h.nonceOffset, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            int offset = h.nonceOffset + NONCE_BYTES;
            return cipher.doFinal(sealed, offset, sealed.length - offset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed key material does not open", e);
        }
    }

    @Override
    public boolean isCurrent(byte[] sealed) {
        return header(sealed).keyId.equals(activeKeyId);
    }

    /** The id of the envelope key that sealed a blob. */
    public static String keyIdOf(byte[] sealed) {
        return header(sealed).keyId;
    }

    private static Header header(byte[] sealed) {
        if (sealed.length < 2 || sealed[0] != VERSION) {
            throw new IllegalStateException("not a sealed blob of version " + VERSION);
        }
        int idLength = Byte.toUnsignedInt(sealed[1]);
        if (sealed.length < 2 + idLength + NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("sealed blob too short");
        }
        return new Header(new String(sealed, 2, idLength, StandardCharsets.UTF_8), 2 + idLength);
    }

    private record Header(String keyId, int nonceOffset) {}

    @Override
    public String toString() {
        return "EnvelopeCipher[active=" + activeKeyId + ", keys=" + keys.keySet() + "]";
    }
}
