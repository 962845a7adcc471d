package io.tlsuite.protocol.testing;

import io.tlsuite.protocol.TlsEngine;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CertificateStatusRequest;
import org.bouncycastle.tls.CertificateStatusType;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExtensionType;
import org.bouncycastle.tls.OCSPStatusRequest;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
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
    private byte[] stapledOcspResponse;

    public BcLowLevelClient(boolean extendedMasterSecret) {
        this(extendedMasterSecret, false, ProtocolVersion.TLSv12.only());
    }

    /**
     * A client of {@code versions} that sends status_request (ocsp, no responder ids) and keeps the
     * OCSP response the server staples ({@link #stapledOcspResponse()}).
     */
    public static BcLowLevelClient askingForOcsp(ProtocolVersion... versions) {
        return new BcLowLevelClient(true, true, versions);
    }

    private BcLowLevelClient(
            boolean extendedMasterSecret, boolean statusRequest, ProtocolVersion[] versions) {
        this.client =
                new DefaultTlsClient(new BcTlsCrypto(new SecureRandom())) {
                    @Override
                    protected ProtocolVersion[] getSupportedVersions() {
                        return versions;
                    }

                    @Override
                    protected CertificateStatusRequest getCertificateStatusRequest() {
                        return statusRequest
                                ? new CertificateStatusRequest(
                                        CertificateStatusType.ocsp,
                                        new OCSPStatusRequest(null, null))
                                : null;
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
                                if (c.getCertificateStatus() != null) {
                                    stapledOcspResponse =
                                            c.getCertificateStatus().getOCSPResponse().getEncoded();
                                } else if (c.getCertificate()
                                                .getCertificateEntryAt(0)
                                                .getExtensions()
                                        != null) {
                                    // TLS 1.3: Bouncy Castle leaves the leaf entry's
                                    // status_request (RFC 8446 §4.4.2.1) in its extensions.
                                    byte[] data =
                                            (byte[])
                                                    c.getCertificate()
                                                            .getCertificateEntryAt(0)
                                                            .getExtensions()
                                                            .get(
                                                                    Integer.valueOf(
                                                                            ExtensionType
                                                                                    .status_request));
                                    // CertificateStatus: ocsp(1), OCSPResponse <u24>, DER.
                                    if (data != null
                                            && data[0] == CertificateStatusType.ocsp
                                            && TlsUtils.readUint24(data, 1) == data.length - 4) {
                                        stapledOcspResponse =
                                                OCSPResponse.getInstance(
                                                                Arrays.copyOfRange(
                                                                        data, 4, data.length))
                                                        .getEncoded();
                                    }
                                }
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

    /** The DER OCSPResponse the server stapled, or null. */
    public byte[] stapledOcspResponse() {
        return stapledOcspResponse;
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
        // TLS 1.3: the client's Finished comes last; the server completes when it gets it.
        byte[] last = drain();
        if (last.length > 0 && !server.isClosed()) {
            byte[] toClient = server.feed(last).outbound();
            if (toClient.length > 0) {
                protocol.offerInput(toClient);
            }
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
