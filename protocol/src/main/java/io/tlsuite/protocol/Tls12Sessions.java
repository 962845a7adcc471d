package io.tlsuite.protocol;

import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.crypto.tls12.Tls12KeySchedule;
import io.tlsuite.protocol.handshake.Connected12;
import io.tlsuite.protocol.handshake.HandshakeContext;
import io.tlsuite.protocol.handshake.State;
import java.util.Arrays;

/** {@link SessionSecrets} of a TLS 1.2 connection, out of and back into an engine. */
final class Tls12Sessions {
    private Tls12Sessions() {}

    static SessionSecrets secrets(HandshakeContext ctx) {
        Tls12KeySchedule.KeyBlock block =
                Tls12KeySchedule.keyBlock(
                        ctx.tls12Suite, ctx.tls12MasterSecret, ctx.clientRandom, ctx.serverRandom);
        byte[] clientKeys = concat(block.clientWriteKey(), block.clientWriteIv());
        byte[] serverKeys = concat(block.serverWriteKey(), block.serverWriteIv());
        block.destroy();
        try {
            return new SessionSecrets(
                    ctx.client,
                    negotiated(ctx),
                    clientKeys,
                    serverKeys,
                    ctx.tls12MasterSecret,
                    ctx.clientRandom,
                    ctx.serverRandom,
                    ctx.readProtection().sequence(),
                    ctx.writeSequence());
        } finally {
            Arrays.fill(clientKeys, (byte) 0);
            Arrays.fill(serverKeys, (byte) 0);
        }
    }

    static Negotiated negotiated(HandshakeContext ctx) {
        return new Negotiated(
                ctx.version,
                ctx.tls12Suite,
                ctx.group,
                java.util.Optional.ofNullable(ctx.alpn),
                java.util.Optional.ofNullable(ctx.serverName),
                ctx.peerCertificates,
                ctx.resumed,
                false,
                ctx.tls12ExtendedMasterSecret,
                ctx.tls12SecureRenegotiation);
    }

    /**
     * Fills a fresh context from secrets taken from an established TLS 1.2 connection and returns
     * the connected state.
     */
    static State restore(HandshakeContext c, SessionSecrets s) {
        Negotiated n = s.negotiated();
        c.version = ProtocolVersion.TLS_1_2;
        c.tls12Suite = (Tls12CipherSuite) n.cipherSuite();
        c.group = n.group();
        c.alpn = n.alpn().orElse(null);
        c.serverName = n.serverName().orElse(null);
        c.peerCertificates = n.peerCertificates();
        c.resumed = n.resumed();
        c.tls12ExtendedMasterSecret = n.extendedMasterSecret();
        c.tls12SecureRenegotiation = n.secureRenegotiation();
        c.clientRandom = s.clientRandom();
        c.serverRandom = s.serverRandom();
        c.tls12MasterSecret = s.exporterMasterSecret();
        int keyLength = c.tls12Suite.aead().keyLength();
        byte[] ck = s.clientApplicationTrafficSecret();
        byte[] sk = s.serverApplicationTrafficSecret();
        Tls12KeySchedule.KeyBlock block =
                new Tls12KeySchedule.KeyBlock(
                        Arrays.copyOf(ck, keyLength),
                        Arrays.copyOf(sk, keyLength),
                        Arrays.copyOfRange(ck, keyLength, ck.length),
                        Arrays.copyOfRange(sk, keyLength, sk.length));
        Arrays.fill(ck, (byte) 0);
        Arrays.fill(sk, (byte) 0);
        c.setPendingTls12Ciphers(block);
        block.destroy();
        c.activatePendingRead();
        c.activatePendingWrite();
        c.setSequences(s.readSequence(), s.writeSequence());
        c.handshakeComplete = true;
        return new Connected12();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
