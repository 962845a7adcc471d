package io.tlsuite.agent.domain;

import io.tlsuite.agent.transport.Channel;
import io.tlsuite.agent.trust.CertificateCheck;
import io.tlsuite.agent.trust.CheckingValidator;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.MessageFields;
import io.tlsuite.protocol.TlsEngine;
import io.tlsuite.protocol.alert.Alert;
import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.config.TlsConfig;
import io.tlsuite.protocol.config.TlsListener;
import io.tlsuite.protocol.crypto.SignatureScheme;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.Tls12HandshakeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One TLS connection of the agent: its engine over a {@link Channel}, with the timings of each
 * phase, the alerts on either side and (when asked) every decoded message.
 */
final class ClientConnection implements TlsListener, AutoCloseable {
    final String id;
    final TlsEngine engine;
    final Channel channel;
    final CheckingValidator validator;
    final Map<String, Long> phaseNanos = new LinkedHashMap<>();
    final List<Map<String, Object>> messages;
    final List<AppRecordView> appRecords = new ArrayList<>();
    String alertSent;
    String alertReceived;
    boolean eof;
    private final long start = System.nanoTime();
    private long serverHelloAt;
    private long firstFinishedAt;
    private String signatureScheme;
    private boolean signatureMessage;
    private boolean sawCertificate;

    ClientConnection(
            String id,
            TlsConfig config,
            Channel channel,
            CheckingValidator validator,
            boolean keepMessages) {
        this.id = id;
        this.channel = channel;
        this.validator = validator;
        this.messages = keepMessages ? new ArrayList<>() : null;
        this.engine = TlsEngine.client(config.toBuilder().listener(this).build());
    }

    /**
     * Runs the handshake to completion or failure. {@code lastFlight} may rewrite the client's
     * final flight (tampering scenarios).
     */
    void handshake(UnaryOperator<byte[]> lastFlight) throws IOException {
        EngineOutput o = engine.start();
        note(o);
        channel.send(o.outbound());
        while (!engine.isHandshakeComplete() && !engine.isClosed()) {
            byte[] in = channel.receive();
            if (in == null) {
                eof = true;
                throw new IOException(
                        "the server closed the connection during the handshake (state "
                                + engine.stateName()
                                + ")");
            }
            o = engine.feed(in);
            note(o);
            byte[] out = o.outbound();
            if (engine.isHandshakeComplete() && out.length > 0) {
                out = lastFlight.apply(out);
            }
            channel.send(out);
        }
        byte[] pending = channel.pending();
        while (pending != null) {
            note(engine.feed(pending));
            pending = channel.pending();
        }
        phaseNanos.put("hello", (serverHelloAt == 0 ? System.nanoTime() : serverHelloAt) - start);
        long certificate =
                validator.checks().stream().mapToLong(CertificateCheck::micros).sum() * 1000;
        phaseNanos.put("certificate", certificate);
        long end = System.nanoTime();
        if (serverHelloAt != 0) {
            long kxEnd = firstFinishedAt != 0 ? firstFinishedAt : end;
            phaseNanos.put("key-exchange", Math.max(0, kxEnd - serverHelloAt - certificate));
            if (firstFinishedAt != 0 && engine.isHandshakeComplete()) {
                phaseNanos.put("finished", end - firstFinishedAt);
            }
        }
        recordSignatureCheck();
    }

    /** Writes {@code data}; {@code tamper} may alter the protected record before it is sent. */
    void write(byte[] data, UnaryOperator<byte[]> tamper) throws IOException {
        EngineOutput o = engine.write(data);
        note(o);
        byte[] out = tamper.apply(o.outbound());
        appRecords.add(new AppRecordView("sent", data.length, out.length, appRecords.size()));
        channel.send(out);
    }

    /**
     * Reads until {@code complete} says the answer is whole, the peer closed, or the engine failed.
     * Returns the application bytes received.
     */
    byte[] readAnswer(java.util.function.Predicate<byte[]> complete) throws IOException {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        while (!engine.isClosed() && !engine.isPeerClosed()) {
            byte[] in = channel.receive();
            if (in == null) {
                eof = true;
                break;
            }
            EngineOutput o = engine.feed(in);
            note(o);
            channel.send(o.outbound());
            byte[] plain = o.applicationBytes();
            if (plain.length > 0) {
                appRecords.add(
                        new AppRecordView("received", plain.length, in.length, appRecords.size()));
                got.writeBytes(plain);
                if (complete.test(got.toByteArray())) {
                    break;
                }
            }
        }
        return got.toByteArray();
    }

    /** close_notify both ways (RFC 8446 §6.1); the engine zeroises its secrets once closed. */
    void closeGracefully() throws IOException {
        long t0 = System.nanoTime();
        EngineOutput o = engine.close();
        note(o);
        channel.send(o.outbound());
        while (!engine.isClosed()) {
            byte[] in = channel.receive();
            if (in == null) {
                eof = true;
                break;
            }
            note(engine.feed(in));
        }
        phaseNanos.put("close", System.nanoTime() - t0);
    }

    void note(EngineOutput o) {
        o.alertSent()
                .filter(a -> a.description() != AlertDescription.CLOSE_NOTIFY)
                .ifPresent(a -> alertSent = a.description().wireName());
        o.alertReceived()
                .filter(a -> a.description() != AlertDescription.CLOSE_NOTIFY)
                .ifPresent(a -> alertReceived = a.description().wireName());
    }

    private void recordSignatureCheck() {
        if (!sawCertificate) {
            validator.record(
                    new CertificateCheck(
                            "signature",
                            CertificateCheck.SKIPPED,
                            engine.negotiated().map(n -> n.resumed()).orElse(false)
                                    ? "resumed: the ticket stands for the authenticated server"
                                    : "no certificate reached",
                            0));
        } else if (!signatureMessage && !engine.isHandshakeComplete()) {
            validator.record(
                    new CertificateCheck(
                            "signature",
                            CertificateCheck.SKIPPED,
                            "not reached: the handshake ended before the server's signature",
                            0));
        } else if (!signatureMessage) {
            validator.record(
                    new CertificateCheck(
                            "signature",
                            CertificateCheck.SKIPPED,
                            "RSA key transport: no signature; the server proves its key by"
                                    + " decrypting the pre-master secret (checked by Finished)",
                            0));
        } else if (engine.isHandshakeComplete()
                || (alertSent != null
                        && !"decrypt_error".equals(alertSent)
                        && firstFinishedAt != 0)) {
            validator.record(
                    new CertificateCheck(
                            "signature",
                            CertificateCheck.PASSED,
                            signatureScheme + " signature verified with the leaf's public key",
                            0));
        } else if ("decrypt_error".equals(alertSent)) {
            validator.record(
                    new CertificateCheck(
                            "signature",
                            CertificateCheck.FAILED,
                            signatureScheme + " signature does not verify",
                            0));
        }
    }

    Map<String, Double> phasesMs() {
        Map<String, Double> ms = new LinkedHashMap<>();
        phaseNanos.forEach((k, v) -> ms.put(k, v / 1_000_000.0));
        ms.put("total", (System.nanoTime() - start) / 1_000_000.0);
        return ms;
    }

    void phase(String name, long nanos) {
        phaseNanos.put(name, nanos);
    }

    @Override
    public void handshakeMessage(Direction direction, HandshakeMessage message, byte[] raw) {
        long now = System.nanoTime();
        if (direction == Direction.RECEIVED
                && message instanceof HandshakeMessage.ServerHello
                && serverHelloAt == 0) {
            serverHelloAt = now;
        }
        if (message instanceof HandshakeMessage.Finished && firstFinishedAt == 0) {
            firstFinishedAt = now;
        }
        if (direction == Direction.RECEIVED) {
            if (message instanceof HandshakeMessage.Certificate) {
                sawCertificate = true;
            } else if (message instanceof HandshakeMessage.CertificateVerify cv) {
                signatureMessage = true;
                signatureScheme = schemeName(cv.scheme());
            } else if (message instanceof HandshakeMessage.Tls12 t) {
                if (t.message() instanceof Tls12HandshakeMessage.ServerKeyExchangeEcdhe ske) {
                    signatureMessage = true;
                    signatureScheme = schemeName(ske.signatureScheme()) + " (ServerKeyExchange)";
                } else if (t.message() instanceof Tls12HandshakeMessage.Certificate12) {
                    sawCertificate = true;
                }
            }
        }
        if (messages != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("direction", direction == Direction.SENT ? "sent" : "received");
            m.putAll(MessageFields.of(message));
            m.put("length", raw.length);
            messages.add(m);
        }
    }

    @Override
    public void alert(Direction direction, Alert alert) {
        if (messages != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("direction", direction == Direction.SENT ? "sent" : "received");
            m.put("type", "alert");
            m.put("level", alert.level().name().toLowerCase(java.util.Locale.ROOT));
            m.put("description", alert.description().wireName());
            messages.add(m);
        }
    }

    @Override
    public void changeCipherSpec(Direction direction) {
        if (messages != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("direction", direction == Direction.SENT ? "sent" : "received");
            m.put("type", "change_cipher_spec");
            messages.add(m);
        }
    }

    private static String schemeName(int code) {
        for (SignatureScheme s : SignatureScheme.values()) {
            if (s.code() == code) {
                return s.name().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return "0x" + Integer.toHexString(code);
    }

    @Override
    public void close() {
        channel.close();
    }
}
