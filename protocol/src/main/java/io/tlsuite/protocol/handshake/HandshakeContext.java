package io.tlsuite.protocol.handshake;

import io.tlsuite.protocol.alert.Alert;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.CertifiedKey;
import io.tlsuite.protocol.config.KeyLog;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.config.TlsListener;
import io.tlsuite.protocol.crypto.CipherSuite;
import io.tlsuite.protocol.crypto.KeySchedule;
import io.tlsuite.protocol.crypto.NamedGroup;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import io.tlsuite.protocol.crypto.TlsCipherSuite;
import io.tlsuite.protocol.crypto.TrafficKeys;
import io.tlsuite.protocol.crypto.Transcript;
import io.tlsuite.protocol.crypto.tls12.Tls12KeySchedule;
import io.tlsuite.protocol.message.HandshakeCodec;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.record.ContentType;
import io.tlsuite.protocol.record.Record;
import io.tlsuite.protocol.record.RecordCipher;
import io.tlsuite.protocol.record.RecordProtection;
import io.tlsuite.protocol.record.Tls12RecordProtection;
import io.tlsuite.protocol.resumption.ClientSession;
import java.io.ByteArrayOutputStream;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state one connection's states share: configuration, transcript, key schedule, record
 * protection and the outbound queue. Secrets live here and in the key schedule only, and are
 * zeroised by {@link #destroySecrets()}.
 */
public final class HandshakeContext {
    private static final byte[] CCS_RECORD = {ContentType.CHANGE_CIPHER_SPEC, 3, 3, 0, 1, 1};

    public final boolean client;
    public final TlsConfig config;
    public final TlsListener listener;
    public final Transcript transcript = new Transcript();

    private final ByteArrayOutputStream pendingHandshake = new ByteArrayOutputStream();
    private final ByteArrayOutputStream outbound = new ByteArrayOutputStream();
    private RecordCipher readProtection;
    private RecordCipher writeProtection;
    private boolean readKeyChanged;
    private boolean firstRecord = true;
    private boolean changeCipherSpecSent;

    // Negotiated, no secrets.
    public ProtocolVersion version;
    public CipherSuite suite;
    public NamedGroup group;
    public String alpn;
    public String serverName;
    public List<X509Certificate> peerCertificates = List.of();
    public boolean resumed;
    public boolean helloRetryRequest;
    public boolean handshakeComplete;

    /**
     * Server: bytes of undecryptable records still to skip, because the client offered 0-RTT data
     * that this engine declines (RFC 8446 §4.2.10); 0 when not skipping.
     */
    public int earlyDataToSkip;

    public byte[] clientRandom;

    // TLS 1.2 (version == TLS_1_2): suite, server random, master secret, pending ciphers.
    public Tls12CipherSuite tls12Suite;
    public byte[] serverRandom;
    public byte[] tls12MasterSecret;

    /** TLS 1.2: the session uses the extended master secret (RFC 7627); false for legacy peers. */
    public boolean tls12ExtendedMasterSecret = true;

    /** TLS 1.2: the peer signalled secure renegotiation (RFC 5746 extension or SCSV). */
    public boolean tls12SecureRenegotiation = true;

    /** TLS 1.2 client: the server's session id and ticket, to resume later (public values). */
    public byte[] tls12SessionId = new byte[0];

    public byte[] tls12Ticket = new byte[0];

    private RecordCipher pendingRead;
    private RecordCipher pendingWrite;
    private Alert alertSent;

    /** The identity we authenticate with in this handshake (server: chosen per ClientHello). */
    public CertifiedKey identity;

    public final List<ClientSession> receivedTickets = new ArrayList<>();

    // Secrets.
    public KeySchedule keySchedule;
    public byte[] clientHandshakeSecret;
    public byte[] serverHandshakeSecret;
    public byte[] clientApplicationSecret;
    public byte[] serverApplicationSecret;
    public byte[] exporterMasterSecret;
    public byte[] resumptionMasterSecret;

    public HandshakeContext(boolean client, TlsConfig config) {
        this.client = client;
        this.config = config;
        this.listener = config.listener();
    }

    /** Queues a handshake message that belongs to the transcript. */
    public void send(HandshakeMessage m) {
        byte[] raw = HandshakeCodec.encode(m);
        transcript.add(raw);
        queue(m, raw);
    }

    /** Queues a post-handshake message (NewSessionTicket, KeyUpdate): not in the transcript. */
    public void sendPostHandshake(HandshakeMessage m) {
        queue(m, HandshakeCodec.encode(m));
    }

    private void queue(HandshakeMessage m, byte[] raw) {
        pendingHandshake.writeBytes(raw);
        if (listener != TlsListener.NONE) {
            listener.handshakeMessage(TlsListener.Direction.SENT, m, raw.clone());
        }
    }

    /** Writes queued handshake messages as records: coalesced, and fragmented at 2^14 bytes. */
    public void flush() {
        byte[] data = pendingHandshake.toByteArray();
        pendingHandshake.reset();
        for (int off = 0; off < data.length; off += Record.MAX_PLAINTEXT) {
            int n = Math.min(Record.MAX_PLAINTEXT, data.length - off);
            writeRecord(ContentType.HANDSHAKE, data, off, n);
        }
    }

    /** Drops queued, unsent handshake messages (a failure aborts the flight). */
    public void discardPending() {
        pendingHandshake.reset();
    }

    public void writeRecord(int type, byte[] data, int off, int len) {
        if (writeProtection != null) {
            outbound.writeBytes(writeProtection.seal(type, data, off, len, padding(len)));
            return;
        }
        // RFC 8446 §5.1: legacy_record_version 0x0301 for the initial ClientHello, else 0x0303.
        int version = firstRecord && client ? 0x0301 : 0x0303;
        firstRecord = false;
        outbound.writeBytes(
                new Record(type, version, Arrays.copyOfRange(data, off, off + len)).encode());
    }

    /**
     * RFC 8446 §5.4: zero padding that rounds the inner plaintext (content + type) up to a multiple
     * of the configured block, within the 2^14 + 1 limit.
     */
    private int padding(int contentLength) {
        int block = config.recordPaddingBlock();
        if (block <= 1) {
            return 0;
        }
        int inner = contentLength + 1;
        int pad = (block - inner % block) % block;
        return Math.min(pad, Record.MAX_PLAINTEXT + 1 - inner);
    }

    /**
     * RFC 8446 Appendix D.4: one dummy change_cipher_spec, sent in the clear, if compatibility is
     * on.
     */
    public void sendChangeCipherSpec() {
        if (!config.middleboxCompatibility() || changeCipherSpecSent) {
            return;
        }
        flush();
        changeCipherSpecSent = true;
        outbound.writeBytes(CCS_RECORD);
        listener.changeCipherSpec(TlsListener.Direction.SENT);
    }

    public boolean changeCipherSpecSent() {
        return changeCipherSpecSent;
    }

    /** For a handshake moved from another engine that already sent its change_cipher_spec. */
    public void markChangeCipherSpecSent() {
        changeCipherSpecSent = true;
    }

    /** The negotiated suite of either version, or null before ServerHello. */
    public TlsCipherSuite negotiatedSuite() {
        return version == ProtocolVersion.TLS_1_2 ? tls12Suite : suite;
    }

    /**
     * TLS 1.2: the ciphers of the key block (RFC 5246 §6.3), applied at the change_cipher_spec of
     * each direction.
     */
    public void setPendingTls12Ciphers(Tls12KeySchedule.KeyBlock block) {
        RecordCipher clientWrite =
                new Tls12RecordProtection(
                        tls12Suite, block.clientWriteKey(), block.clientWriteIv());
        RecordCipher serverWrite =
                new Tls12RecordProtection(
                        tls12Suite, block.serverWriteKey(), block.serverWriteIv());
        pendingRead = client ? serverWrite : clientWrite;
        pendingWrite = client ? clientWrite : serverWrite;
    }

    /** TLS 1.2: the peer's change_cipher_spec; false when no pending read cipher exists. */
    public boolean activatePendingRead() {
        if (pendingRead == null) {
            return false;
        }
        if (readProtection != null) {
            readProtection.destroy();
        }
        readProtection = pendingRead;
        pendingRead = null;
        readKeyChanged = true;
        return true;
    }

    /** TLS 1.2: sends change_cipher_spec (RFC 5246 §7.1) and protects what follows. */
    public void sendTls12ChangeCipherSpec() {
        flush();
        outbound.writeBytes(CCS_RECORD);
        listener.changeCipherSpec(TlsListener.Direction.SENT);
        if (writeProtection != null) {
            writeProtection.destroy();
        }
        writeProtection = pendingWrite;
        pendingWrite = null;
        firstRecord = false;
    }

    /** Moves the pending write cipher in place without sending anything (a restored session). */
    public void activatePendingWrite() {
        writeProtection = pendingWrite;
        pendingWrite = null;
        firstRecord = false;
    }

    /** Sends an alert record under the current write protection and reports it. */
    public void sendAlert(Alert alert) {
        byte[] body = alert.encode();
        writeRecord(ContentType.ALERT, body, 0, body.length);
        alertSent = alert;
        listener.alert(TlsListener.Direction.SENT, alert);
    }

    /** The last alert sent since the previous call, for the engine's output. */
    public Alert takeAlertSent() {
        Alert a = alertSent;
        alertSent = null;
        return a;
    }

    public void setWriteSecret(byte[] trafficSecret) {
        flush();
        if (writeProtection != null) {
            writeProtection.destroy();
        }
        TrafficKeys keys = keySchedule.trafficKeys(trafficSecret);
        writeProtection = new RecordProtection(suite.aead(), keys);
        keys.destroy();
        firstRecord = false;
    }

    public void setReadSecret(byte[] trafficSecret) {
        if (readProtection != null) {
            readProtection.destroy();
        }
        TrafficKeys keys = keySchedule.trafficKeys(trafficSecret);
        readProtection = new RecordProtection(suite.aead(), keys);
        keys.destroy();
        readKeyChanged = true;
    }

    public RecordCipher readProtection() {
        return readProtection;
    }

    public long writeSequence() {
        return writeProtection == null ? 0 : writeProtection.sequence();
    }

    /** Restores record sequence numbers after {@link #setReadSecret}/{@link #setWriteSecret}. */
    public void setSequences(long read, long write) {
        readProtection.setSequence(read);
        writeProtection.setSequence(write);
        readKeyChanged = false;
    }

    /** A restored write side whose read side is not yet active (TLS 1.2 abbreviated handshake). */
    public void setWriteSequence(long write) {
        writeProtection.setSequence(write);
    }

    /** True once after each read key change: the engine then checks no partial message spans it. */
    public boolean takeReadKeyChanged() {
        boolean c = readKeyChanged;
        readKeyChanged = false;
        return c;
    }

    public byte[] takeOutbound() {
        flush();
        byte[] out = outbound.toByteArray();
        outbound.reset();
        return out;
    }

    public void keyLog(String label, byte[] secret) {
        KeyLog log = config.keyLog();
        if (log != null && clientRandom != null) {
            log.log(label, clientRandom, secret);
        }
    }

    public void destroySecrets() {
        for (byte[] b :
                new byte[][] {
                    clientHandshakeSecret,
                    serverHandshakeSecret,
                    clientApplicationSecret,
                    serverApplicationSecret,
                    exporterMasterSecret,
                    resumptionMasterSecret,
                    tls12MasterSecret
                }) {
            if (b != null) {
                Arrays.fill(b, (byte) 0);
            }
        }
        if (keySchedule != null) {
            keySchedule.destroy();
        }
        if (readProtection != null) {
            readProtection.destroy();
        }
        if (writeProtection != null) {
            writeProtection.destroy();
        }
        if (pendingRead != null) {
            pendingRead.destroy();
        }
        if (pendingWrite != null) {
            pendingWrite.destroy();
        }
    }

    @Override
    public String toString() {
        return "HandshakeContext["
                + (client ? "client" : "server")
                + ", suite="
                + negotiatedSuite()
                + ", secrets redacted]";
    }
}
