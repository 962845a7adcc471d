package io.tlsuite.protocol;

import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.crypto.KeySchedule;
import io.tlsuite.protocol.handshake.Connected;
import io.tlsuite.protocol.handshake.HandshakeContext;
import io.tlsuite.protocol.handshake.State;
import io.tlsuite.protocol.handshake.client.ClientHandshake;

/** {@link SessionSecrets} of a TLS 1.3 connection, out of and back into an engine. */
final class Tls13Sessions {
    private Tls13Sessions() {}

    static SessionSecrets secrets(HandshakeContext ctx, Negotiated negotiated) {
        return new SessionSecrets(
                ctx.client,
                negotiated,
                ctx.clientApplicationSecret,
                ctx.serverApplicationSecret,
                ctx.exporterMasterSecret,
                ctx.resumptionMasterSecret,
                ctx.readProtection().sequence(),
                ctx.writeSequence());
    }

    /**
     * Fills a fresh context from secrets taken from an established TLS 1.3 connection and returns
     * the connected state of its role.
     */
    static State restore(HandshakeContext c, SessionSecrets s) {
        Negotiated n = s.negotiated();
        c.version = ProtocolVersion.TLS_1_3;
        c.suite = (CipherSuite) n.cipherSuite();
        c.group = n.group();
        c.alpn = n.alpn().orElse(null);
        c.serverName = n.serverName().orElse(null);
        c.peerCertificates = n.peerCertificates();
        c.resumed = n.resumed();
        c.helloRetryRequest = n.helloRetryRequest();
        c.keySchedule = new KeySchedule(c.suite, null);
        c.clientApplicationSecret = s.clientApplicationTrafficSecret();
        c.serverApplicationSecret = s.serverApplicationTrafficSecret();
        c.exporterMasterSecret = s.exporterMasterSecret();
        c.resumptionMasterSecret = s.resumptionMasterSecret();
        c.setReadSecret(s.isClient() ? c.serverApplicationSecret : c.clientApplicationSecret);
        c.setWriteSecret(s.isClient() ? c.clientApplicationSecret : c.serverApplicationSecret);
        c.setSequences(s.readSequence(), s.writeSequence());
        c.handshakeComplete = true;
        return s.isClient() ? ClientHandshake.connected() : new Connected();
    }
}
