package io.tlsuite.protocol.codec;

import java.util.Arrays;

/** Writes TLS presentation-language values; length prefixes are back-patched. */
public final class ByteWriter {
    private byte[] buf;
    private int len;

    public ByteWriter() {
        this(256);
    }

    public ByteWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    public ByteWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public ByteWriter u16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public ByteWriter u24(int v) {
        ensure(3);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public ByteWriter u32(long v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public ByteWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public ByteWriter bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    public ByteWriter vector8(byte[] b) {
        checkLength(b.length, 0xff);
        return u8(b.length).bytes(b);
    }

    public ByteWriter vector16(byte[] b) {
        checkLength(b.length, 0xffff);
        return u16(b.length).bytes(b);
    }

    public ByteWriter vector24(byte[] b) {
        checkLength(b.length, 0xffffff);
        return u24(b.length).bytes(b);
    }

    private static void checkLength(int n, int max) {
        if (n > max) {
            throw new IllegalArgumentException("vector too long: " + n + " > " + max);
        }
    }

    /**
     * Starts a length-prefixed block; returns the mark to pass to {@link #end8}/{@link
     * #end16}/{@link #end24}.
     */
    public int begin8() {
        u8(0);
        return len;
    }

    public int begin16() {
        u16(0);
        return len;
    }

    public int begin24() {
        u24(0);
        return len;
    }

    public void end8(int mark) {
        int n = len - mark;
        checkLength(n, 0xff);
        buf[mark - 1] = (byte) n;
    }

    public void end16(int mark) {
        int n = len - mark;
        checkLength(n, 0xffff);
        buf[mark - 2] = (byte) (n >>> 8);
        buf[mark - 1] = (byte) n;
    }

    public void end24(int mark) {
        int n = len - mark;
        checkLength(n, 0xffffff);
        buf[mark - 3] = (byte) (n >>> 16);
        buf[mark - 2] = (byte) (n >>> 8);
        buf[mark - 1] = (byte) n;
    }

    public int length() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
