package io.tlsuite.protocol.codec;

import io.tlsuite.protocol.alert.TlsAlertException;
import java.util.Arrays;

/**
 * Reads TLS presentation-language values (RFC 8446 §3) from a byte array. Every read checks the
 * remaining length first and fails with {@code decode_error}, never with an index exception.
 */
public final class ByteReader {
    private final byte[] data;
    private int pos;
    private final int end;

    public ByteReader(byte[] data) {
        this(data, 0, data.length);
    }

    public ByteReader(byte[] data, int offset, int length) {
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    private void need(int n) throws TlsAlertException {
        if (n < 0 || end - pos < n) {
            throw TlsAlertException.decodeError(
                    "truncated: need " + n + " bytes, have " + (end - pos));
        }
    }

    public int u8() throws TlsAlertException {
        need(1);
        return data[pos++] & 0xff;
    }

    public int u16() throws TlsAlertException {
        need(2);
        int v = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public int u24() throws TlsAlertException {
        need(3);
        int v = ((data[pos] & 0xff) << 16) | ((data[pos + 1] & 0xff) << 8) | (data[pos + 2] & 0xff);
        pos += 3;
        return v;
    }

    public long u32() throws TlsAlertException {
        need(4);
        long v =
                ((long) (data[pos] & 0xff) << 24)
                        | ((data[pos + 1] & 0xff) << 16)
                        | ((data[pos + 2] & 0xff) << 8)
                        | (data[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public byte[] bytes(int n) throws TlsAlertException {
        need(n);
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    public byte[] vector8() throws TlsAlertException {
        return bytes(u8());
    }

    public byte[] vector16() throws TlsAlertException {
        return bytes(u16());
    }

    public byte[] vector24() throws TlsAlertException {
        return bytes(u24());
    }

    /** A sub-reader over the next {@code n} bytes, which this reader skips. */
    public ByteReader sub(int n) throws TlsAlertException {
        need(n);
        ByteReader r = new ByteReader(data, pos, n);
        pos += n;
        return r;
    }

    public ByteReader sub8() throws TlsAlertException {
        return sub(u8());
    }

    public ByteReader sub16() throws TlsAlertException {
        return sub(u16());
    }

    public ByteReader sub24() throws TlsAlertException {
        return sub(u24());
    }

    /** Fails with decode_error when bytes are left over, e.g. after a message body. */
    public void expectEnd(String what) throws TlsAlertException {
        if (pos != end) {
            throw TlsAlertException.decodeError(what + ": " + (end - pos) + " trailing bytes");
        }
    }
}
