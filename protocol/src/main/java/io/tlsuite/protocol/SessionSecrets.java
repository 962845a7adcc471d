package io.tlsuite.protocol;

import io.tlsuite.protocol.crypto.CipherSuite;
import java.util.Arrays;

/**
 * The secrets of an established connection, handed out only through {@link
 * TlsEngine#sessionSecrets()} for the session store. Copies: {@link #destroy()} them when done.
 */
public final class SessionSecrets {
    private final CipherSuite cipherSuite;
    private final byte[] clientApplicationTrafficSecret;
    private final byte[] serverApplicationTrafficSecret;
    private final byte[] exporterMasterSecret;
    private final byte[] resumptionMasterSecret;

    SessionSecrets(
            CipherSuite suite, byte[] client, byte[] server, byte[] exporter, byte[] resumption) {
        this.cipherSuite = suite;
        this.clientApplicationTrafficSecret = client.clone();
        this.serverApplicationTrafficSecret = server.clone();
        this.exporterMasterSecret = exporter.clone();
        this.resumptionMasterSecret = resumption == null ? new byte[0] : resumption.clone();
    }

    public CipherSuite cipherSuite() {
        return cipherSuite;
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

    public void destroy() {
        Arrays.fill(clientApplicationTrafficSecret, (byte) 0);
        Arrays.fill(serverApplicationTrafficSecret, (byte) 0);
        Arrays.fill(exporterMasterSecret, (byte) 0);
        Arrays.fill(resumptionMasterSecret, (byte) 0);
    }

    @Override
    public String toString() {
        return "SessionSecrets[" + cipherSuite + ", redacted]";
    }
}
