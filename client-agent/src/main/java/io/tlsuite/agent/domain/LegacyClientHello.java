package io.tlsuite.agent.domain;

import io.tlsuite.protocol.alert.AlertDescription;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A ClientHello as a TLS 1.1-and-older client sends it (RFC 4346 §7.4.1.2): client_version 0x0302,
 * CBC suites, no supported_versions. Our engine cannot offer these versions by design, so this one
 * message is written by hand; a correct server refuses it with protocol_version (RFC 8446 §4.2.1,
 * RFC 8996).
 */
final class LegacyClientHello {
    private LegacyClientHello() {}

    static byte[] record(String serverName, SecureRandom random) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, 0x0302); // client_version: TLS 1.1
        byte[] r = new byte[32];
        random.nextBytes(r);
        body.writeBytes(r);
        body.write(0); // empty session id
        int[] suites = {0xc013, 0xc009, 0x002f, 0x0035, 0x000a};
        u16(body, suites.length * 2);
        for (int s : suites) {
            u16(body, s);
        }
        body.write(1);
        body.write(0); // compression: null
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        if (serverName != null
                && !serverName.isEmpty()
                && !Character.isDigit(serverName.charAt(0))) {
            byte[] name = serverName.getBytes(StandardCharsets.US_ASCII);
            u16(ext, 0x0000);
            u16(ext, name.length + 5);
            u16(ext, name.length + 3);
            ext.write(0);
            u16(ext, name.length);
            ext.writeBytes(name);
        }
        u16(ext, 0x000a); // supported_groups: secp256r1
        u16(ext, 4);
        u16(ext, 2);
        u16(ext, 0x0017);
        u16(ext, 0x000b); // ec_point_formats: uncompressed
        u16(ext, 2);
        ext.write(1);
        ext.write(0);
        u16(body, ext.size());
        body.writeBytes(ext.toByteArray());
        byte[] b = body.toByteArray();
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        rec.write(22);
        u16(rec, 0x0301);
        u16(rec, b.length + 4);
        rec.write(1); // client_hello
        rec.write(0);
        u16(rec, b.length);
        rec.writeBytes(b);
        return rec.toByteArray();
    }

    /** The description of the first plaintext alert record in {@code bytes}, or null. */
    static String alertIn(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        int i = 0;
        while (i + 5 <= bytes.length) {
            int type = bytes[i] & 0xff;
            int len = ((bytes[i + 3] & 0xff) << 8) | (bytes[i + 4] & 0xff);
            if (type == 21 && len == 2 && i + 7 <= bytes.length) {
                AlertDescription d = AlertDescription.of(bytes[i + 6] & 0xff);
                return d == null ? "alert " + (bytes[i + 6] & 0xff) : d.wireName();
            }
            i += 5 + len;
        }
        return null;
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write((v >>> 8) & 0xff);
        out.write(v & 0xff);
    }
}
