package io.tlsuite.protocol;

import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.crypto.TlsCipherSuite;
import java.util.Arrays;

/**
 * The secrets and record sequence numbers of an established connection, handed out only through
 * {@link TlsEngine#sessionSecrets()} for the session store, and enough to continue the connection
 * elsewhere with {@link TlsEngine#restore(TlsConfig, SessionSecrets)} (a stateless service: any
 * replica carries on). Copies: {@link #destroy()} them when done. {@code toString} redacts.
 *
 * <p>For TLS 1.2 ({@code negotiated().version()}), the same slots hold: client/server "traffic
 * secret" = that direction's write key followed by its fixed IV (the key block of RFC 5246 §6.3),
 * exporter secret = the master secret (the base of RFC 5705 exporters), no resumption secret; the
 * two (public) randoms are in {@link #clientRandom()} and {@link #serverRandom()}.
 */
public final class SessionSecrets {
    private final boolean client;
    private final Negotiated negotiated;
    private final byte[] clientApplicationTrafficSecret;
    private final byte[] serverApplicationTrafficSecret;
    private final byte[] exporterMasterSecret;
    private final byte[] resumptionMasterSecret;
    private final long readSequence;
    private final long writeSequence;
    private final byte[] clientRandom;
    private final byte[] serverRandom;

    /**
     * @param client whether these are the client's side of the connection
     * @param readSequence the next record sequence number to read under the current secret
     * @param writeSequence the next record sequence number to write under the current secret
     */
    public SessionSecrets(
            boolean client,
            Negotiated negotiated,
            byte[] clientApplicationTrafficSecret,
            byte[] serverApplicationTrafficSecret,
            byte[] exporterMasterSecret,
            byte[] resumptionMasterSecret,
            long readSequence,
            long writeSequence) {
        this.client = client;
        this.negotiated = negotiated;
        this.clientApplicationTrafficSecret = clientApplicationTrafficSecret.clone();
        this.serverApplicationTrafficSecret = serverApplicationTrafficSecret.clone();
        this.exporterMasterSecret = exporterMasterSecret.clone();
        this.resumptionMasterSecret =
                resumptionMasterSecret == null ? new byte[0] : resumptionMasterSecret.clone();
        this.readSequence = readSequence;
        this.writeSequence = writeSequence;
        this.clientRandom = new byte[0];
        this.serverRandom = new byte[0];
    }

    /** TLS 1.2: write keys + IVs, master secret, randoms (see the class comment). */
    public SessionSecrets(
            boolean client,
            Negotiated negotiated,
            byte[] clientWriteKeyAndIv,
            byte[] serverWriteKeyAndIv,
            byte[] masterSecret,
            byte[] clientRandom,
            byte[] serverRandom,
            long readSequence,
            long writeSequence) {
        this.client = client;
        this.negotiated = negotiated;
        this.clientApplicationTrafficSecret = clientWriteKeyAndIv.clone();
        this.serverApplicationTrafficSecret = serverWriteKeyAndIv.clone();
        this.exporterMasterSecret = masterSecret.clone();
        this.resumptionMasterSecret = new byte[0];
        this.clientRandom = clientRandom.clone();
        this.serverRandom = serverRandom.clone();
        this.readSequence = readSequence;
        this.writeSequence = writeSequence;
    }

    /** TLS 1.2 only (empty for 1.3): ClientHello.random, public. */
    public byte[] clientRandom() {
        return clientRandom.clone();
    }

    /** TLS 1.2 only (empty for 1.3): ServerHello.random, public. */
    public byte[] serverRandom() {
        return serverRandom.clone();
    }

    public boolean isClient() {
        return client;
    }

    public Negotiated negotiated() {
        return negotiated;
    }

    public TlsCipherSuite cipherSuite() {
        return negotiated.cipherSuite();
    }

    public byte[] clientApplicationTrafficSecret() {
        return clientApplicationTrafficSecret.clone();
    }

    public byte[] serverApplicationTrafficSecret() {
        return serverApplicationTrafficSecret.clone();
    }

    public byte[] exporterMasterSecret() {
        return exporterMasterSecret.clone();
    }

    public byte[] resumptionMasterSecret() {
        return resumptionMasterSecret.clone();
    }

    public long readSequence() {
        return readSequence;
    }

    public long writeSequence() {
        return writeSequence;
    }

    public void destroy() {
        Arrays.fill(clientApplicationTrafficSecret, (byte) 0);
        Arrays.fill(serverApplicationTrafficSecret, (byte) 0);
        Arrays.fill(exporterMasterSecret, (byte) 0);
        Arrays.fill(resumptionMasterSecret, (byte) 0);
    }

    @Override
    public String toString() {
        return "SessionSecrets["
                + (client ? "client" : "server")
                + ", "
                + negotiated.cipherSuite()
                + ", read="
                + readSequence
                + ", write="
                + writeSequence
                + ", secrets redacted]";
    }
}
