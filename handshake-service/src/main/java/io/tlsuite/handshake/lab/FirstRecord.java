package io.tlsuite.handshake.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads exactly one TLS record (RFC 8446 §5.1 framing), or what arrived before EOF. */
final class FirstRecord {
    private FirstRecord() {}

    static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] header = in.readNBytes(5);
        got.writeBytes(header);
        if (header.length < 5) {
            return header.length == 0 ? null : got.toByteArray();
        }
        int len = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
        if (len > (1 << 14) + 256) {
            return got.toByteArray();
        }
        got.writeBytes(in.readNBytes(len));
        return got.toByteArray();
    }
}
