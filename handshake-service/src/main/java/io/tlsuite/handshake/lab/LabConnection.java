package io.tlsuite.handshake.lab;

import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.TlsEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * One connection to a lab identity: our server engine with the lab's certificate (answering any
 * request with a short page), the downgrading man in the middle, or the TLS 1.0 server.
 */
final class LabConnection {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LabIdentity lab;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    LabConnection(LabIdentity lab, Socket socket, InputStream in, OutputStream out) {
        this.lab = lab;
        this.socket = socket;
        this.in = in;
        this.out = out;
    }

    void serve(ClientHelloBytes hello, byte[] first) throws IOException {
        switch (lab.kind()) {
            case LabIdentity.TLS10 -> tls10(hello);
            case LabIdentity.DOWNGRADE -> engine(hello.withoutSupportedVersions());
            default -> engine(first);
        }
    }

    /**
     * A ServerHello with server_version TLS 1.0 (RFC 2246 §7.4.1.3) and a CBC suite, as an old
     * server sends it; a correct client answers protocol_version.
     */
    private void tls10(ClientHelloBytes hello) throws IOException {
        byte[] sid = hello.sessionId();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        int bodyLen = 2 + 32 + 1 + sid.length + 2 + 1;
        byte[] rec = new byte[5 + 4 + bodyLen];
        int p = 0;
        rec[p++] = 22;
        rec[p++] = 3;
        rec[p++] = 1;
        rec[p++] = (byte) ((4 + bodyLen) >>> 8);
        rec[p++] = (byte) (4 + bodyLen);
        rec[p++] = 2;
        rec[p++] = 0;
        rec[p++] = (byte) (bodyLen >>> 8);
        rec[p++] = (byte) bodyLen;
        rec[p++] = 3;
        rec[p++] = 1;
        System.arraycopy(random, 0, rec, p, 32);
        p += 32;
        rec[p++] = (byte) sid.length;
        System.arraycopy(sid, 0, rec, p, sid.length);
        p += sid.length;
        rec[p++] = (byte) 0xc0;
        rec[p++] = 0x13; // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
        rec[p] = 0;
        out.write(rec);
        out.flush();
        // Wait for the client's alert (or its close), then hang up.
        in.readNBytes(7);
    }

    private void engine(byte[] firstFlight) throws IOException {
        TlsEngine engine = TlsEngine.server(lab.config());
        byte[] buf = new byte[17 * 1024];
        byte[] data = firstFlight;
        int n = data.length;
        while (true) {
            EngineOutput o = engine.feed(data, 0, n);
            send(o);
            byte[] plain = o.applicationBytes();
            if (plain.length > 0) {
                String line = new String(plain, StandardCharsets.ISO_8859_1);
                int eol = line.indexOf('\r');
                String body =
                        "lab server "
                                + lab.name()
                                + " ("
                                + lab.what()
                                + ")\nyou sent: "
                                + (eol > 0 ? line.substring(0, eol) : line)
                                + "\n";
                Arrays.fill(plain, (byte) 0);
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                String head =
                        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                                + b.length
                                + "\r\n\r\n";
                send(engine.write((head + body).getBytes(StandardCharsets.UTF_8)));
            }
            if (engine.isPeerClosed()) {
                send(engine.close());
                return;
            }
            if (engine.isClosed()) {
                return;
            }
            n = in.read(buf);
            if (n < 0) {
                return;
            }
            data = buf;
        }
    }

    private void send(EngineOutput o) throws IOException {
        if (o.outbound().length > 0) {
            out.write(o.outbound());
            out.flush();
        }
    }
}
