package io.tlsuite.protocol.testing;

import io.tlsuite.protocol.TlsEngine;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Bouncy Castle's low-level TLS 1.2 client (org.bouncycastle.tls), an independent implementation
 * whose protocol options can be turned off one by one, e.g. a legacy client without the extended
 * master secret (RFC 7627), which neither the JDK nor OpenSSL 3.0 can be told to be in-process.
 * Driven in memory against one of our server engines.
 */
public final class BcLowLevelClient {
    private final TlsClientProtocol protocol = new TlsClientProtocol();
    private final DefaultTlsClient client;
    private byte[] serverLeaf;

    public BcLowLevelClient(boolean extendedMasterSecret) {
        this.client =
                new DefaultTlsClient(new BcTlsCrypto(new SecureRandom())) {
                    @Override
                    protected ProtocolVersion[] getSupportedVersions() {
                        return ProtocolVersion.TLSv12.only();
                    }

                    @Override
                    public boolean shouldUseExtendedMasterSecret() {
                        return extendedMasterSecret;
                    }

                    @Override
                    public boolean requiresExtendedMasterSecret() {
                        return extendedMasterSecret;
                    }

                    @Override
                    public TlsAuthentication getAuthentication() {
                        return new TlsAuthentication() {
                            @Override
                            public void notifyServerCertificate(TlsServerCertificate c)
                                    throws IOException {
                                serverLeaf = c.getCertificate().getCertificateAt(0).getEncoded();
                            }

                            @Override
                            public TlsCredentials getClientCredentials(CertificateRequest r) {
                                return null;
                            }
                        };
                    }
                };
    }

    /** The DER of the server's leaf certificate, once received. */
    public byte[] serverLeaf() {
        return serverLeaf;
    }

    /**
     * Runs the handshake against {@code server} in memory.
     *
     * @throws IOException what Bouncy Castle throws, e.g. on a fatal alert from our server
     */
    public void handshake(TlsEngine server) throws IOException {
        protocol.connect(client);
        for (int i = 0; i < 20 && protocol.isHandshaking(); i++) {
            byte[] toServer = drain();
            byte[] toClient = server.feed(toServer).outbound();
            if (toClient.length > 0) {
                protocol.offerInput(toClient);
            }
            if (server.isClosed()) {
                break;
            }
        }
        if (protocol.isHandshaking()) {
            throw new IOException("handshake did not complete; server " + server.stateName());
        }
    }

    /** Sends {@code data} to {@code server} and returns what the server application received. */
    public byte[] send(TlsEngine server, byte[] data) throws IOException {
        protocol.writeApplicationData(data, 0, data.length);
        return server.feed(drain()).applicationBytes();
    }

    /** Feeds the server's records and returns the application data they carry. */
    public byte[] receive(byte[] records) throws IOException {
        protocol.offerInput(records);
        byte[] buf = new byte[protocol.applicationDataAvailable()];
        int n = protocol.readApplicationData(buf, 0, buf.length);
        return Arrays.copyOf(buf, Math.max(n, 0));
    }

    private byte[] drain() {
        byte[] out = new byte[protocol.getAvailableOutputBytes()];
        protocol.readOutput(out, 0, out.length);
        return out;
    }
}
