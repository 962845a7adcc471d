package io.tlsuite.protocol.crypto;

import java.util.Arrays;

/** A traffic key and IV derived from a traffic secret (RFC 8446 §7.3). Never printed. */
public final class TrafficKeys {
    private final byte[] key;
    private final byte[] iv;

    public TrafficKeys(byte[] key, byte[] iv) {
        this.key = key;
        this.iv = iv;
    }

    public byte[] key() {
        return key;
    }

    public byte[] iv() {
        return iv;
    }

    public void destroy() {
        Arrays.fill(key, (byte) 0);
        Arrays.fill(iv, (byte) 0);
    }

    @Override
    public String toString() {
        return "TrafficKeys[redacted]";
    }
}
