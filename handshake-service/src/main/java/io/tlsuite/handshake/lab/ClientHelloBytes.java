package io.tlsuite.handshake.lab;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads and edits a ClientHello that arrives whole in the first record (RFC 8446 §4.1.2), before
 * any engine sees it: its server_name (RFC 6066 §3), its legacy_session_id, and a copy without
 * supported_versions (what a downgrading man in the middle sends on). Any malformation gives null:
 * the caller then leaves the bytes to the engine, which answers with the right alert.
 */
final class ClientHelloBytes {
    private static final int SERVER_NAME = 0x0000;
    private static final int SUPPORTED_VERSIONS = 0x002b;

    private final byte[] record;
    private final int sessionIdAt;
    private final int extensionsAt;
    private final int end;

    private ClientHelloBytes(byte[] record, int sessionIdAt, int extensionsAt, int end) {
        this.record = record;
        this.sessionIdAt = sessionIdAt;
        this.extensionsAt = extensionsAt;
        this.end = end;
    }

    /** Null unless {@code record} is one handshake record holding exactly one ClientHello. */
    static ClientHelloBytes parse(byte[] record) {
        try {
            if (record.length < 9 || record[0] != 22 || record[5] != 1) {
                return null;
            }
            int recLen = u16(record, 3);
            int hsLen = ((record[6] & 0xff) << 16) | u16(record, 7);
            if (recLen != record.length - 5 || hsLen != recLen - 4) {
                return null;
            }
            int p = 9 + 2 + 32;
            int sid = p;
            p += 1 + (record[p] & 0xff);
            p += 2 + u16(record, p);
            p += 1 + (record[p] & 0xff);
            if (p == record.length) {
                return new ClientHelloBytes(record, sid, -1, p);
            }
            int extLen = u16(record, p);
            if (p + 2 + extLen != record.length) {
                return null;
            }
            return new ClientHelloBytes(record, sid, p, record.length);
        } catch (ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** The host_name of server_name, lower case, or null. */
    String serverName() {
        int at = find(SERVER_NAME);
        if (at < 0) {
            return null;
        }
        int p = at + 4 + 2;
        if (record[p] != 0) {
            return null;
        }
        int len = u16(record, p + 1);
        return new String(record, p + 3, len, StandardCharsets.US_ASCII)
                .toLowerCase(java.util.Locale.ROOT);
    }

    byte[] sessionId() {
        int len = record[sessionIdAt] & 0xff;
        return Arrays.copyOfRange(record, sessionIdAt + 1, sessionIdAt + 1 + len);
    }

    /** The same record without supported_versions, lengths fixed: a TLS 1.2-only offer. */
    byte[] withoutSupportedVersions() {
        int at = find(SUPPORTED_VERSIONS);
        if (at < 0) {
            return record.clone();
        }
        int cut = 4 + u16(record, at + 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream(record.length);
        out.write(record, 0, at);
        out.write(record, at + cut, record.length - at - cut);
        byte[] b = out.toByteArray();
        put16(b, 3, u16(b, 3) - cut);
        int hs = (((b[6] & 0xff) << 16) | u16(b, 7)) - cut;
        b[6] = (byte) (hs >>> 16);
        put16(b, 7, hs & 0xffff);
        put16(b, extensionsAt, u16(b, extensionsAt) - cut);
        return b;
    }

    private int find(int type) {
        if (extensionsAt < 0) {
            return -1;
        }
        int p = extensionsAt + 2;
        while (p + 4 <= end) {
            int t = u16(record, p);
            int len = u16(record, p + 2);
            if (t == type) {
                return p;
            }
            p += 4 + len;
        }
        return -1;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }
}
