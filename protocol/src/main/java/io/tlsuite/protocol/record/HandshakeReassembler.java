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

    private static final byte[] EMPTY = new byte[0];

    /** Pending bytes are {@code buf[pos..]}; messages are cut out without moving the rest. */
    private byte[] buf = EMPTY;

    private int pos;

    /** Takes {@code fragment} as it is (no copy) when nothing is pending; the caller drops it. */
    public void add(byte[] fragment) {
        if (pos == buf.length) {
            buf = fragment;
        } else {
            byte[] nb = new byte[buf.length - pos + fragment.length];
            System.arraycopy(buf, pos, nb, 0, buf.length - pos);
            System.arraycopy(fragment, 0, nb, buf.length - pos, fragment.length);
            buf = nb;
        }
        pos = 0;
    }

    /**
     * True when no partial message is pending (RFC 8446 §5.1: messages must not span key changes).
     */
    public boolean isEmpty() {
        return pos == buf.length;
    }

    public Optional<byte[]> next() throws TlsAlertException {
        int available = buf.length - pos;
        if (available < 4) {
            return Optional.empty();
        }
        int length =
                ((buf[pos + 1] & 0xff) << 16)
                        | ((buf[pos + 2] & 0xff) << 8)
                        | (buf[pos + 3] & 0xff);
        if (length > MAX_MESSAGE) {
            throw TlsAlertException.decodeError("handshake message of " + length + " bytes");
        }
        if (available < 4 + length) {
            return Optional.empty();
        }
        byte[] message = Arrays.copyOfRange(buf, pos, pos + 4 + length);
        pos += 4 + length;
        if (pos == buf.length) {
            buf = EMPTY;
            pos = 0;
        }
        return Optional.of(message);
    }
}
