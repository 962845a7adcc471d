package io.tlsuite.protocol;

import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.codec.ByteReader;
import io.tlsuite.protocol.codec.ByteWriter;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.crypto.KeySchedule;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.handshake.HandshakeContext;
import io.tlsuite.protocol.handshake.State;
import io.tlsuite.protocol.handshake.SuspendableState;
import io.tlsuite.protocol.handshake.client.ClientHandshake;
import io.tlsuite.protocol.handshake.server.ServerHandshake;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The snapshot of a suspended TLS 1.3 engine ({@link TlsEngine#suspend()}, format version 1): the
 * server after its flight (waiting for the second ClientHello or for the client's
 * Certificate/Finished), or either role once connected. It holds secrets (handshake, application,
 * exporter, resumption and master secrets): store it encrypted.
 */
final class Tls13Snapshots {
    static final int VERSION = 1;

    private Tls13Snapshots() {}

    static byte[] write(HandshakeContext c, SuspendableState s) {
        ByteWriter w = new ByteWriter(2048);
        w.u8(VERSION).u8(c.client ? 1 : 0).u8(s.kind()).vector16(s.parameters());
        w.u16(c.suite == null ? 0 : c.suite.code()).u16(c.group == null ? 0 : c.group.code());
        w.u8(
                (c.resumed ? 1 : 0)
                        | (c.helloRetryRequest ? 2 : 0)
                        | (c.handshakeComplete ? 4 : 0)
                        | (c.changeCipherSpecSent() ? 8 : 0));
        w.vector8(bytes(c.alpn))
                .vector16(bytes(c.serverName))
                .vector8(c.clientRandom == null ? new byte[0] : c.clientRandom);
        w.u8(c.peerCertificates.size());
        for (X509Certificate cert : c.peerCertificates) {
            try {
                w.vector24(cert.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        w.vector24(c.transcript.bytes());
        for (byte[] secret :
                new byte[][] {
                    c.clientHandshakeSecret,
                    c.clientApplicationSecret,
                    c.serverApplicationSecret,
                    c.exporterMasterSecret,
                    c.resumptionMasterSecret,
                    c.keySchedule == null || c.suite == null || c.clientApplicationSecret == null
                            ? null
                            : c.keySchedule.masterSecret()
                }) {
            w.vector8(secret == null ? new byte[0] : secret);
        }
        long read = c.readProtection() == null ? 0 : c.readProtection().sequence();
        long write = c.writeSequence();
        w.u32(read >>> 32).u32(read & 0xffffffffL).u32(write >>> 32).u32(write & 0xffffffffL);
        w.u32(c.earlyDataToSkip);
        return w.toByteArray();
    }

    /**
     * Fills {@code c} (a fresh engine's context) from the rest of a snapshot, after its version and
     * role bytes, and returns the state to continue in.
     */
    static State read(HandshakeContext c, ByteReader r)
            throws TlsAlertException, CertificateException {
        int kind = r.u8();
        byte[] params = r.vector16();
        c.suite = CipherSuite.of(r.u16()).orElse(null);
        c.group = NamedGroup.of(r.u16()).orElse(null);
        int flags = r.u8();
        c.resumed = (flags & 1) != 0;
        c.helloRetryRequest = (flags & 2) != 0;
        c.handshakeComplete = (flags & 4) != 0;
        if ((flags & 8) != 0) {
            c.markChangeCipherSpecSent();
        }
        c.version = c.suite == null ? null : ProtocolVersion.TLS_1_3;
        c.alpn = string(r.vector8());
        c.serverName = string(r.vector16());
        byte[] random = r.vector8();
        c.clientRandom = random.length == 0 ? null : random;
        int certs = r.u8();
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (int i = 0; i < certs; i++) {
            chain.add(
                    (X509Certificate)
                            cf.generateCertificate(new ByteArrayInputStream(r.vector24())));
        }
        c.peerCertificates = List.copyOf(chain);
        c.transcript.add(r.vector24());
        if (c.suite != null) {
            c.transcript.startHash(c.suite.hash());
        }
        c.clientHandshakeSecret = orNull(r.vector8());
        c.clientApplicationSecret = orNull(r.vector8());
        c.serverApplicationSecret = orNull(r.vector8());
        c.exporterMasterSecret = orNull(r.vector8());
        c.resumptionMasterSecret = orNull(r.vector8());
        byte[] master = orNull(r.vector8());
        long read = (r.u32() << 32) | r.u32();
        long write = (r.u32() << 32) | r.u32();
        c.earlyDataToSkip = (int) r.u32();
        if (c.suite != null && master != null) {
            c.keySchedule = KeySchedule.atMasterSecret(c.suite, master);
            Arrays.fill(master, (byte) 0);
            byte[] readSecret =
                    c.client
                            ? c.serverApplicationSecret
                            : c.handshakeComplete
                                    ? c.clientApplicationSecret
                                    : c.clientHandshakeSecret;
            c.setReadSecret(readSecret);
            c.setWriteSecret(c.client ? c.clientApplicationSecret : c.serverApplicationSecret);
            c.setSequences(read, write);
        }
        return c.client ? ClientHandshake.connected() : ServerHandshake.resume(kind, params);
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return b.length == 0 ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] orNull(byte[] b) {
        return b.length == 0 ? null : b;
    }
}
