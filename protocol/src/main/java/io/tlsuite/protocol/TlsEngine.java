package io.tlsuite.protocol;

import io.tlsuite.protocol.alert.Alert;
import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.AlertLevel;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.codec.ByteReader;
import io.tlsuite.protocol.codec.ProtocolVersion;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.config.TlsListener;
import io.tlsuite.protocol.crypto.KeySchedule;
import io.tlsuite.protocol.handshake.Connected;
import io.tlsuite.protocol.handshake.HandshakeContext;
import io.tlsuite.protocol.handshake.State;
import io.tlsuite.protocol.handshake.SuspendableState;
import io.tlsuite.protocol.handshake.Tls12Handshakes;
import io.tlsuite.protocol.handshake.client.ClientHandshake;
import io.tlsuite.protocol.handshake.server.ServerHandshake;
import io.tlsuite.protocol.message.HandshakeCodec;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.HandshakeType;
import io.tlsuite.protocol.message.Tls12HandshakeCodec;
import io.tlsuite.protocol.record.ContentType;
import io.tlsuite.protocol.record.HandshakeReassembler;
import io.tlsuite.protocol.record.Record;
import io.tlsuite.protocol.record.RecordCipher;
import io.tlsuite.protocol.record.RecordReader;
import io.tlsuite.protocol.resumption.ClientSession;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A sans-I/O TLS 1.3 and TLS 1.2 endpoint: bytes in, bytes out. Feed it what arrives from the peer,
 * send what each call returns in {@link EngineOutput#outbound()}; nothing here touches a socket or
 * a thread.
 *
 * <pre>{@code
 * TlsEngine client = TlsEngine.client(config);
 * EngineOutput out = client.start();          // ClientHello
 * transport.send(out.outbound());
 * out = client.feed(transport.receive());     // ... until out.handshakeComplete()
 * out = client.write("hello".getBytes());     // application data records
 * }</pre>
 *
 * <p>Protocol errors never throw: the engine sends the alert, closes, and reports it in the output
 * ({@link EngineOutput#alertSent()}) and in {@link #failure()}. Misuse of the API (writing before
 * the handshake completes or after close) throws {@link IllegalStateException}. Not thread safe:
 * drive each engine from one thread at a time.
 */
public final class TlsEngine {
    private final HandshakeContext ctx;
    private final RecordReader reader = new RecordReader();
    private final HandshakeReassembler reassembler = new HandshakeReassembler();
    private State state;
    private boolean started;
    private boolean closed;
    private boolean closeNotifySent;
    private boolean closeNotifyReceived;
    private boolean helloSeen;
    private AlertDescription failure;
    private Exception failureCause;

    private List<byte[]> appData = new ArrayList<>();
    private Alert alertSent;
    private Alert alertReceived;

    private TlsEngine(boolean client, TlsConfig config) {
        this.ctx = new HandshakeContext(client, config);
        this.state = client ? null : ServerHandshake.start();
        this.helloSeen = client;
    }

    public static TlsEngine client(TlsConfig config) {
        return new TlsEngine(true, config);
    }

    public static TlsEngine server(TlsConfig config) {
        return new TlsEngine(false, config);
    }

    public boolean isClient() {
        return ctx.client;
    }

    /**
     * Client: produces the ClientHello. Server: nothing to do (waits for one); harmless to call.
     */
    public EngineOutput start() {
        if (!started && ctx.client && !closed) {
            started = true;
            guarded(() -> transition(ClientHandshake.start(ctx)));
        }
        started = true;
        return output();
    }

    /** Processes bytes received from the peer (any split: partial records are buffered). */
    public EngineOutput feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    public EngineOutput feed(byte[] data, int offset, int length) {
        if (ctx.client && !started) {
            throw new IllegalStateException("call start() first");
        }
        if (!closed) {
            reader.add(data, offset, length);
            guarded(this::processRecords);
        }
        return output();
    }

    /** Encrypts application data into records (at most 2^14 bytes each). */
    public EngineOutput write(byte[] data) {
        if (!ctx.handshakeComplete || closed || closeNotifySent) {
            throw new IllegalStateException(
                    "cannot write: "
                            + (closed || closeNotifySent ? "closed" : "handshake not complete"));
        }
        guarded(
                () -> {
                    ctx.flush();
                    if (ctx.version == ProtocolVersion.TLS_1_3
                            && ctx.writeSequence() >= KEY_UPDATE_AFTER_RECORDS) {
                        // RFC 8446 §5.5: change keys well before the AEAD's record limit.
                        Connected.sendKeyUpdate(ctx, false);
                    }
                    for (int off = 0; off < data.length || off == 0; off += Record.MAX_PLAINTEXT) {
                        int n = Math.min(Record.MAX_PLAINTEXT, data.length - off);
                        ctx.writeRecord(ContentType.APPLICATION_DATA, data, off, n);
                        if (data.length == 0) {
                            break;
                        }
                    }
                });
        return output();
    }

    /** Sends close_notify (RFC 8446 §6.1); the engine is closed once the peer's has arrived too. */
    public EngineOutput close() {
        if (!closed && !closeNotifySent) {
            guarded(
                    () -> {
                        sendAlert(Alert.closeNotify());
                        closeNotifySent = true;
                        if (closeNotifyReceived || !ctx.handshakeComplete) {
                            shutdown();
                        }
                    });
        }
        return output();
    }

    /** Sends KeyUpdate (RFC 8446 §4.6.3) and moves our write key forward. */
    public EngineOutput updateKeys(boolean requestPeerUpdate) {
        if (!ctx.handshakeComplete || closed || ctx.version != ProtocolVersion.TLS_1_3) {
            throw new IllegalStateException(
                    "key update needs an open, established TLS 1.3 connection");
        }
        guarded(() -> Connected.sendKeyUpdate(ctx, requestPeerUpdate));
        return output();
    }

    public boolean isHandshakeComplete() {
        return ctx.handshakeComplete;
    }

    /** Closed: a fatal alert was sent or received, or close_notify went both ways. */
    public boolean isClosed() {
        return closed;
    }

    public boolean isPeerClosed() {
        return closeNotifyReceived;
    }

    /**
     * The alert that ended the connection, sent or received; empty for a clean close or an open
     * one.
     */
    public Optional<AlertDescription> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Why this engine failed, for diagnostics: the {@link TlsAlertException} behind the alert it
     * sent, or the unexpected exception behind an internal_error. Messages carry no secrets.
     */
    public Optional<Exception> failureCause() {
        return Optional.ofNullable(failureCause);
    }

    /** The current state's name, e.g. {@code ExpectServerHello} or {@code Connected}. */
    public String stateName() {
        return closed ? "Closed" : state == null ? "Start" : state.name();
    }

    public Optional<Negotiated> negotiated() {
        if (!ctx.handshakeComplete) {
            return Optional.empty();
        }
        return Optional.of(
                new Negotiated(
                        ctx.version,
                        ctx.negotiatedSuite(),
                        ctx.group,
                        Optional.ofNullable(ctx.alpn),
                        Optional.ofNullable(ctx.serverName),
                        ctx.peerCertificates,
                        ctx.resumed,
                        ctx.helloRetryRequest,
                        ctx.version != ProtocolVersion.TLS_1_2 || ctx.tls12ExtendedMasterSecret,
                        ctx.version != ProtocolVersion.TLS_1_2 || ctx.tls12SecureRenegotiation));
    }

    /** Client: the sessions received in NewSessionTicket messages so far, for resumption. */
    public List<ClientSession> receivedSessions() {
        return List.copyOf(ctx.receivedTickets);
    }

    /** RFC 8446 §7.5 exporter (TLS 1.3), RFC 5705 (TLS 1.2). */
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) {
        if (ctx.handshakeComplete && !closed && ctx.version == ProtocolVersion.TLS_1_2) {
            return Tls12Handshakes.exporter(ctx, label, context, length);
        }
        if (!ctx.handshakeComplete || ctx.exporterMasterSecret == null) {
            throw new IllegalStateException("handshake not complete");
        }
        return KeySchedule.exporter(ctx.suite, ctx.exporterMasterSecret, label, context, length);
    }

    /**
     * The explicit accessor for the session store: copies of the current application secrets and
     * the record sequence numbers, enough to {@link #restore} the connection elsewhere.
     */
    public SessionSecrets sessionSecrets() {
        if (!ctx.handshakeComplete || closed) {
            throw new IllegalStateException("no established session");
        }
        return ctx.version == ProtocolVersion.TLS_1_2
                ? Tls12Sessions.secrets(ctx)
                : Tls13Sessions.secrets(ctx, negotiated().orElseThrow());
    }

    /**
     * Continues an established connection from {@link #sessionSecrets()} taken elsewhere (e.g. by
     * another replica): application data, KeyUpdate, tickets and close work as before.
     */
    public static TlsEngine restore(TlsConfig config, SessionSecrets s) {
        TlsEngine e = new TlsEngine(s.isClient(), config);
        e.state =
                s.negotiated().version() == ProtocolVersion.TLS_1_2
                        ? Tls12Sessions.restore(e.ctx, s)
                        : Tls13Sessions.restore(e.ctx, s);
        e.started = true;
        e.helloSeen = true;
        return e;
    }

    /** RFC 8446 §5.5: AES-GCM keys are good for 2^24.5 records; we update after 2^24. */
    static final long KEY_UPDATE_AFTER_RECORDS = 1L << 24;

    /**
     * Suspends the engine between flights so that another engine, e.g. on another replica of a
     * stateless service, can {@link #resume} it: the server after its flight (waiting for the
     * second ClientHello or for the client's Certificate/Finished), and either role once connected.
     * The result holds secrets (traffic and master secrets): store it like keys, encrypted at rest.
     * Formats: {@link Tls13Snapshots}, {@link Tls12Snapshots}.
     *
     * @throws IllegalStateException in other states, or with a partial record or message buffered
     */
    public byte[] suspend() {
        if (closed
                || !(state instanceof SuspendableState s)
                || reader.buffered() > 0
                || !reassembler.isEmpty()) {
            throw new IllegalStateException("cannot suspend in state " + stateName());
        }
        return ctx.version == ProtocolVersion.TLS_1_2
                ? Tls12Snapshots.write(ctx, s)
                : Tls13Snapshots.write(ctx, s);
    }

    /** Continues an engine from {@link #suspend()} with the (same) configuration. */
    public static TlsEngine resume(TlsConfig config, byte[] snapshot) {
        try {
            ByteReader r = new ByteReader(snapshot);
            int format = r.u8();
            if (format != Tls12Snapshots.VERSION && format != Tls13Snapshots.VERSION) {
                throw new IllegalArgumentException("unknown snapshot version");
            }
            TlsEngine e = new TlsEngine(r.u8() == 1, config);
            e.state =
                    format == Tls12Snapshots.VERSION
                            ? Tls12Snapshots.read(e.ctx, r)
                            : Tls13Snapshots.read(e.ctx, r);
            e.started = true;
            e.helloSeen = true;
            return e;
        } catch (TlsAlertException | CertificateException | RuntimeException ex) {
            throw new IllegalArgumentException("corrupt engine snapshot", ex);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws TlsAlertException;
    }

    /** Runs a step; any failure becomes an alert and a closed engine, never an exception. */
    private void guarded(Step step) {
        try {
            step.run();
        } catch (TlsAlertException e) {
            failureCause = e;
            fail(e.description());
        } catch (RuntimeException e) {
            failureCause = e;
            fail(AlertDescription.INTERNAL_ERROR);
        }
    }

    private void fail(AlertDescription description) {
        if (closed) {
            return;
        }
        failure = description;
        try {
            ctx.discardPending();
            sendAlert(Alert.fatal(description));
        } catch (RuntimeException ignored) {
            // Nothing more can be sent; the engine closes regardless.
        }
        shutdown();
    }

    private void shutdown() {
        if (!closed) {
            String from = stateName();
            closed = true;
            ctx.listener.stateChanged(from, "Closed");
            ctx.destroySecrets();
        }
    }

    private void sendAlert(Alert alert) {
        ctx.sendAlert(alert);
        alertSent = ctx.takeAlertSent();
    }

    private void transition(State next) {
        State prev = state;
        state = next;
        if (prev != next) {
            ctx.listener.stateChanged(prev == null ? "Start" : prev.name(), next.name());
        }
    }

    private void processRecords() throws TlsAlertException {
        Optional<Record> r;
        while (!closed && (r = reader.next()).isPresent()) {
            processRecord(r.get());
        }
    }

    private void processRecord(Record rec) throws TlsAlertException {
        if (closeNotifyReceived) {
            // RFC 8446 §6.1: data received after a closure alert is ignored.
            return;
        }
        RecordCipher rp = ctx.readProtection();
        boolean tls12 = ctx.version == ProtocolVersion.TLS_1_2;
        if (rec.type() == ContentType.CHANGE_CIPHER_SPEC && tls12 && !ctx.handshakeComplete) {
            // RFC 5246 §7.1: a real change_cipher_spec; only the state before Finished takes it.
            if (rec.fragment().length != 1 || rec.fragment()[0] != 1) {
                throw TlsAlertException.decodeError("malformed change_cipher_spec");
            }
            if (!reassembler.isEmpty()) {
                throw TlsAlertException.unexpected("change_cipher_spec inside a handshake message");
            }
            ctx.listener.changeCipherSpec(TlsListener.Direction.RECEIVED);
            transition(state.changeCipherSpec(ctx));
            ctx.takeReadKeyChanged();
            return;
        }
        if (rec.type() == ContentType.CHANGE_CIPHER_SPEC) {
            // RFC 8446 §5: a plaintext 0x01 change_cipher_spec is dropped during the handshake.
            if (!helloSeen
                    || !reassembler.isEmpty()
                    || ctx.handshakeComplete
                    || rec.fragment().length != 1
                    || rec.fragment()[0] != 1) {
                throw TlsAlertException.unexpected("change_cipher_spec outside the handshake");
            }
            ctx.listener.changeCipherSpec(TlsListener.Direction.RECEIVED);
            return;
        }
        Record plain;
        // Before keys, and for a peer that failed before it had our keys: plaintext (a TLS 1.2
        // protected alert is longer than the two bytes of a plaintext one).
        boolean plaintextAlert =
                rec.type() == ContentType.ALERT
                        && !ctx.handshakeComplete
                        && (!tls12 || rec.fragment().length == 2);
        if (rp == null || plaintextAlert) {
            // Before keys, and for a peer that failed before it had our keys: plaintext.
            if (rec.type() == ContentType.APPLICATION_DATA) {
                throw TlsAlertException.unexpected("application data before the handshake");
            }
            if (rec.fragment().length > Record.MAX_PLAINTEXT) {
                throw new TlsAlertException(
                        AlertDescription.RECORD_OVERFLOW, "plaintext record too long");
            }
            plain = rec;
        } else {
            try {
                plain = rp.open(rec);
            } catch (TlsAlertException e) {
                if (e.description() == AlertDescription.BAD_RECORD_MAC
                        && ctx.earlyDataToSkip >= rec.fragment().length) {
                    // RFC 8446 §4.2.10: declined early data is skipped, up to a limit.
                    ctx.earlyDataToSkip -= rec.fragment().length;
                    return;
                }
                throw e;
            }
            ctx.earlyDataToSkip = 0;
        }
        if (plain.type() != ContentType.HANDSHAKE && !reassembler.isEmpty()) {
            // RFC 8446 §5.1: handshake fragments must not be interleaved with other records.
            throw TlsAlertException.unexpected(
                    ContentType.name(plain.type())
                            + " record inside a fragmented handshake message");
        }
        switch (plain.type()) {
            case ContentType.ALERT -> onAlert(plain.fragment());
            case ContentType.HANDSHAKE -> onHandshake(plain.fragment());
            case ContentType.APPLICATION_DATA -> {
                if (state == null || !state.acceptsApplicationData()) {
                    throw TlsAlertException.unexpected(
                            "application data before the handshake completed");
                }
                appData.add(plain.fragment());
            }
            default ->
                    throw TlsAlertException.unexpected(
                            "protected " + ContentType.name(plain.type()) + " record");
        }
    }

    private void onHandshake(byte[] fragment) throws TlsAlertException {
        if (fragment.length == 0) {
            throw TlsAlertException.unexpected("empty handshake record");
        }
        reassembler.add(fragment);
        Optional<byte[]> m;
        while (!closed && (m = reassembler.next()).isPresent()) {
            byte[] raw = m.get();
            byte[] body = Arrays.copyOfRange(raw, 4, raw.length);
            HandshakeMessage msg =
                    ctx.version == ProtocolVersion.TLS_1_2
                            ? Tls12HandshakeCodec.decodeAny(
                                    raw[0] & 0xff,
                                    body,
                                    ctx.tls12Suite == null ? null : ctx.tls12Suite.keyExchange())
                            : HandshakeCodec.decode(raw[0] & 0xff, body);
            if (ctx.listener != TlsListener.NONE) {
                ctx.listener.handshakeMessage(TlsListener.Direction.RECEIVED, msg, raw.clone());
            }
            if (ctx.client
                    && ctx.version == ProtocolVersion.TLS_1_2
                    && !ctx.handshakeComplete
                    && msg.handshakeType() == HandshakeType.HELLO_REQUEST) {
                // RFC 5246 §7.4.1.1: ignored while negotiating, and not in the transcript.
                continue;
            }
            helloSeen = true;
            transition(state.handle(ctx, msg, raw));
            if (ctx.takeReadKeyChanged() && !reassembler.isEmpty()) {
                // RFC 8446 §5.1: handshake messages must not span a key change.
                throw TlsAlertException.unexpected("handshake data spans a key change");
            }
        }
    }

    private void onAlert(byte[] body) throws TlsAlertException {
        if (body.length == 0) {
            // RFC 8446 §5.1: zero-length fragments are allowed for application data only.
            throw TlsAlertException.unexpected("empty alert record");
        }
        Alert alert = Alert.decode(body);
        alertReceived = alert;
        ctx.listener.alert(TlsListener.Direction.RECEIVED, alert);
        if (alert.description() == AlertDescription.CLOSE_NOTIFY) {
            closeNotifyReceived = true;
            if (closeNotifySent) {
                shutdown();
            }
            return;
        }
        if (alert.description() == AlertDescription.USER_CANCELED
                && alert.level() == AlertLevel.WARNING) {
            return;
        }
        if (alert.description() == AlertDescription.NO_RENEGOTIATION
                && alert.level() == AlertLevel.WARNING
                && ctx.version == ProtocolVersion.TLS_1_2) {
            // RFC 5246 §7.2.2: always a warning; the peer declined, the connection goes on.
            return;
        }
        // RFC 8446 §6.2: every other alert is fatal, whatever level it claims.
        failure = alert.description();
        shutdown();
    }

    private EngineOutput output() {
        EngineOutput out =
                new EngineOutput(
                        ctx.takeOutbound(),
                        appData,
                        ctx.handshakeComplete,
                        closed,
                        Optional.ofNullable(alertSent != null ? alertSent : ctx.takeAlertSent()),
                        Optional.ofNullable(alertReceived));
        appData = new ArrayList<>();
        alertSent = null;
        alertReceived = null;
        return out;
    }

    @Override
    public String toString() {
        return "TlsEngine[" + (ctx.client ? "client" : "server") + ", state=" + stateName() + "]";
    }
}
