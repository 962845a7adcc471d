package io.tlsuite.protocol;

import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.codec.ByteReader;
import io.tlsuite.protocol.codec.ByteWriter;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.crypto.tls12.Tls12KeySchedule;
import io.tlsuite.protocol.handshake.Connected12;
import io.tlsuite.protocol.handshake.HandshakeContext;
import io.tlsuite.protocol.handshake.State;
import io.tlsuite.protocol.handshake.SuspendableState;
import io.tlsuite.protocol.handshake.server.Tls12ServerHandshake;
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
 * The snapshot of a suspended TLS 1.2 engine ({@link TlsEngine#suspend()}, format version 2): the
 * server between its flight and the client's (waiting for Certificate or ClientKeyExchange, or for
 * the change_cipher_spec after an abbreviated handshake), or either role once connected. It holds
 * secrets (master secret, the server's ephemeral ECDH private key): store it encrypted.
 */
final class Tls12Snapshots {
    static final int VERSION = 2;

    private Tls12Snapshots() {}

    static byte[] write(HandshakeContext c, SuspendableState s) {
        ByteWriter w = new ByteWriter(4096);
        w.u8(VERSION).u8(c.client ? 1 : 0).u8(s.kind()).vector16(s.parameters());
        w.u16(c.tls12Suite.code()).u16(c.group == null ? 0 : c.group.code());
        w.u8(
                (c.resumed ? 1 : 0)
                        | (c.handshakeComplete ? 2 : 0)
                        | (c.tls12ExtendedMasterSecret ? 0 : 4)
                        | (c.tls12SecureRenegotiation ? 0 : 8));
        w.vector8(bytes(c.alpn)).vector16(bytes(c.serverName));
        w.vector8(c.clientRandom).vector8(c.serverRandom);
        w.u8(c.identity == null ? 0xff : c.config.identities().indexOf(c.identity));
        w.u8(c.peerCertificates.size());
        for (X509Certificate cert : c.peerCertificates) {
            try {
                w.vector24(cert.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        w.vector24(c.transcript.bytes());
        w.vector8(c.tls12MasterSecret == null ? new byte[0] : c.tls12MasterSecret);
        long read = c.readProtection() == null ? 0 : c.readProtection().sequence();
        long write = c.writeSequence();
        w.u32(read >>> 32).u32(read & 0xffffffffL).u32(write >>> 32).u32(write & 0xffffffffL);
        w.vector8(c.tls12SessionId).vector16(c.tls12Ticket);
        return w.toByteArray();
    }

    /** Fills {@code c} (a fresh engine's context) and returns the state to continue in. */
    static State read(HandshakeContext c, ByteReader r)
            throws TlsAlertException, CertificateException {
        int kind = r.u8();
        byte[] params = r.vector16();
        c.version = ProtocolVersion.TLS_1_2;
        c.tls12Suite = Tls12CipherSuite.of(r.u16()).orElseThrow();
        int group = r.u16();
        c.group = group == 0 ? null : NamedGroup.of(group).orElseThrow();
        int flags = r.u8();
        c.resumed = (flags & 1) != 0;
        c.handshakeComplete = (flags & 2) != 0;
        c.tls12ExtendedMasterSecret = (flags & 4) == 0;
        c.tls12SecureRenegotiation = (flags & 8) == 0;
        c.alpn = string(r.vector8());
        c.serverName = string(r.vector16());
        c.clientRandom = r.vector8();
        c.serverRandom = r.vector8();
        int identity = r.u8();
        c.identity = identity == 0xff ? null : c.config.identities().get(identity);
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
        c.transcript.startHash(c.tls12Suite.hash());
        byte[] master = r.vector8();
        long read = (r.u32() << 32) | r.u32();
        long write = (r.u32() << 32) | r.u32();
        c.tls12SessionId = r.vector8();
        c.tls12Ticket = r.vector16();
        if (master.length > 0) {
            c.tls12MasterSecret = master;
            Tls12KeySchedule.KeyBlock block =
                    Tls12KeySchedule.keyBlock(c.tls12Suite, master, c.clientRandom, c.serverRandom);
            c.setPendingTls12Ciphers(block);
            block.destroy();
            c.activatePendingWrite();
            if (c.handshakeComplete) {
                c.activatePendingRead();
                c.setSequences(read, write);
            } else {
                // An abbreviated handshake: our change_cipher_spec and Finished are out.
                c.setWriteSequence(write);
            }
        }
        State state =
                c.client || kind == SuspendableState.TLS12_CONNECTED
                        ? new Connected12()
                        : Tls12ServerHandshake.resume(kind, params);
        Arrays.fill(params, (byte) 0);
        return state;
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return b.length == 0 ? null : new String(b, StandardCharsets.UTF_8);
    }
}
