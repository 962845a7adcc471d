package io.tlsuite.protocol.record;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import java.util.Arrays;
import java.util.Optional;

/** Splits an inbound byte stream into records, checking each header before using it. */
public final class RecordReader {
    private byte[] buf = new byte[0];
    private int start;
    private int end;

    public void add(byte[] data, int off, int len) {
        if (end + len > buf.length) {
            int live = end - start;
            byte[] nb = new byte[Math.max(live + len, buf.length * 2)];
            System.arraycopy(buf, start, nb, 0, live);
            buf = nb;
            start = 0;
            end = live;
        }
        System.arraycopy(data, off, buf, end, len);
        end += len;
    }

    public int buffered() {
        return end - start;
    }

    /** The next complete record, or empty when more bytes are needed. */
    public Optional<Record> next() throws TlsAlertException {
        if (end - start < Record.HEADER_LENGTH) {
            return Optional.empty();
        }
        int type = buf[start] & 0xff;
        int version = ((buf[start + 1] & 0xff) << 8) | (buf[start + 2] & 0xff);
        int length = ((buf[start + 3] & 0xff) << 8) | (buf[start + 4] & 0xff);
        if (!ContentType.isKnown(type)) {
            throw TlsAlertException.unexpected("unknown record content type " + type);
        }
        if ((version >>> 8) != 3) {
            throw TlsAlertException.decodeError(
                    "not a TLS record (version 0x" + Integer.toHexString(version) + ")");
        }
        if (length > Record.MAX_CIPHERTEXT) {
            throw new TlsAlertException(
                    AlertDescription.RECORD_OVERFLOW, "record length " + length);
        }
        if (end - start < Record.HEADER_LENGTH + length) {
            return Optional.empty();
        }
        byte[] fragment =
                Arrays.copyOfRange(
                        buf, start + Record.HEADER_LENGTH, start + Record.HEADER_LENGTH + length);
        start += Record.HEADER_LENGTH + length;
        if (start == end) {
            start = end = 0;
        }
        return Optional.of(new Record(type, version, fragment));
    }
}
