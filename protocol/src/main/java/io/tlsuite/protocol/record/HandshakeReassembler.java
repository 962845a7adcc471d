package io.tlsuite.protocol.record;

import io.tlsuite.protocol.alert.TlsAlertException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Joins handshake fragments that span records and splits records that carry several messages (RFC
 * 8446 §5.1). Yields whole messages, header included.
 */
public final class HandshakeReassembler {
    /** Largest handshake message accepted; certificate chains stay well below. */
    public static final int MAX_MESSAGE = 1 << 17;

    private byte[] buf = new byte[0];

    public void add(byte[] fragment) {
        byte[] nb = Arrays.copyOf(buf, buf.length + fragment.length);
        System.arraycopy(fragment, 0, nb, buf.length, fragment.length);
        buf = nb;
    }

    /**
     * True when no partial message is pending (RFC 8446 §5.1: messages must not span key changes).
     */
    public boolean isEmpty() {
        return buf.length == 0;
    }

    public Optional<byte[]> next() throws TlsAlertException {
        if (buf.length < 4) {
            return Optional.empty();
        }
        int length = ((buf[1] & 0xff) << 16) | ((buf[2] & 0xff) << 8) | (buf[3] & 0xff);
        if (length > MAX_MESSAGE) {
            throw TlsAlertException.decodeError("handshake message of " + length + " bytes");
        }
        if (buf.length < 4 + length) {
            return Optional.empty();
        }
        byte[] message = Arrays.copyOf(buf, 4 + length);
        buf = Arrays.copyOfRange(buf, 4 + length, buf.length);
        return Optional.of(message);
    }
}
