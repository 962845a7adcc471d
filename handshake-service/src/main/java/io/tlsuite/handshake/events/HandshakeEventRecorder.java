package io.tlsuite.handshake.events;

import io.tlsuite.events.handshake.CertificateSent;
import io.tlsuite.events.handshake.CertificateVerified;
import io.tlsuite.events.handshake.ChangeCipherSpecExchanged;
import io.tlsuite.events.handshake.ClientHelloReceived;
import io.tlsuite.events.handshake.FinishedVerified;
import io.tlsuite.events.handshake.HandshakeCompleted;
import io.tlsuite.events.handshake.HandshakeEvent;
import io.tlsuite.events.handshake.HandshakeFailed;
import io.tlsuite.events.handshake.HandshakeStarted;
import io.tlsuite.events.handshake.KeyExchangeDone;
import io.tlsuite.events.handshake.ServerHelloSent;
import io.tlsuite.protocol.Negotiated;
import io.tlsuite.protocol.alert.Alert;
import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.config.TlsListener;
import io.tlsuite.protocol.crypto.HashAlgorithm;
import io.tlsuite.protocol.crypto.TlsCipherSuite;
import io.tlsuite.protocol.message.Extension;
import io.tlsuite.protocol.message.HandshakeMessage;
import io.tlsuite.protocol.message.HandshakeMessage.Certificate;
import io.tlsuite.protocol.message.HandshakeMessage.CertificateVerify;
import io.tlsuite.protocol.message.HandshakeMessage.ClientHello;
import io.tlsuite.protocol.message.HandshakeMessage.ServerHello;
import io.tlsuite.protocol.message.Tls12HandshakeMessage;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns one server engine's {@link TlsListener} callbacks into the {@code tls.handshakes} events of
 * one handshake, each with the microseconds since it started. The listener sees decoded messages
 * and state changes, never a secret, so neither do the events. Called on the thread driving the
 * engine; the sink must not block (it is the buffered publisher).
 */
public final class HandshakeEventRecorder implements TlsListener {
    private static final HexFormat HEX = HexFormat.of();

    private final String handshakeId;
    private final Consumer<HandshakeEvent> sink;
    private final long startNanos;
    private String state = "Start";
    private LeafFacts sentLeaf;
    private int sentChainLength;
    private LeafFacts clientLeaf;
    private String group;
    private boolean certificateReported;
    private boolean ended;
    private String transcriptHash = "SHA-256";

    public HandshakeEventRecorder(
            String handshakeId, String transport, String peer, Consumer<HandshakeEvent> sink) {
        this.handshakeId = handshakeId;
        this.sink = sink;
        this.startNanos = System.nanoTime();
        sink.accept(new HandshakeStarted(handshakeId, transport, peer, 0));
    }

    private HandshakeEventRecorder(
            String handshakeId,
            Consumer<HandshakeEvent> sink,
            long startNanos,
            String state,
            String transcriptHash) {
        this.handshakeId = handshakeId;
        this.sink = sink;
        this.startNanos = startNanos;
        this.state = state;
        if (transcriptHash != null) {
            this.transcriptHash = transcriptHash;
        }
    }

    /**
     * The recorder of a handshake started earlier (maybe on another replica) and continued here: no
     * second {@code handshake.started}; times count from {@code startedAtMillis} (wall clock).
     */
    public static HandshakeEventRecorder continued(
            String handshakeId,
            Consumer<HandshakeEvent> sink,
            long startedAtMillis,
            String state,
            String transcriptHash) {
        long elapsedNanos = Math.max(0, System.currentTimeMillis() - startedAtMillis) * 1_000_000L;
        return new HandshakeEventRecorder(
                handshakeId, sink, System.nanoTime() - elapsedNanos, state, transcriptHash);
    }

    /** The transcript hash named in the events, e.g. {@code SHA-256}. */
    public String transcriptHash() {
        return transcriptHash;
    }

    public String handshakeId() {
        return handshakeId;
    }

    public long elapsedMicros() {
        return (System.nanoTime() - startNanos) / 1000;
    }

    /** The state the engine was last in, e.g. {@code ExpectClientFinished}. */
    public String state() {
        return state;
    }

    @Override
    public void handshakeMessage(Direction direction, HandshakeMessage message, byte[] raw) {
        if (direction == Direction.RECEIVED && message instanceof ClientHello ch) {
            clientHello(ch, raw);
        } else if (direction == Direction.SENT && message instanceof ServerHello sh) {
            serverHello(sh, raw);
        } else if (message instanceof Certificate c) {
            LeafFacts leaf =
                    c.entries().isEmpty() ? null : LeafFacts.of(c.entries().get(0).certData());
            if (direction == Direction.SENT) {
                sentLeaf = leaf;
                sentChainLength = c.entries().size();
            } else {
                clientLeaf = leaf;
            }
        } else if (message instanceof CertificateVerify cv) {
            if (direction == Direction.SENT) {
                certificateSent(TlsNames.scheme(cv.scheme()));
            }
        } else if (message instanceof HandshakeMessage.Tls12 t) {
            tls12(direction, t.message());
        }
    }

    /**
     * TLS 1.2 (RFC 5246 §7.3): the server proves its key in ServerKeyExchange (ECDHE) or by
     * decrypting the pre-master secret (RSA key transport, no signature); the key exchange is done
     * when the client's ClientKeyExchange arrives.
     */
    private void tls12(Direction direction, Tls12HandshakeMessage m) {
        if (m instanceof Tls12HandshakeMessage.Certificate12 c) {
            LeafFacts leaf =
                    c.certificates().isEmpty() ? null : LeafFacts.of(c.certificates().get(0));
            if (direction == Direction.SENT) {
                sentLeaf = leaf;
                sentChainLength = c.certificates().size();
            } else {
                clientLeaf = leaf;
            }
        } else if (m instanceof Tls12HandshakeMessage.ServerKeyExchangeEcdhe ske
                && direction == Direction.SENT) {
            group = TlsNames.group(ske.namedGroup());
            certificateSent(TlsNames.scheme(ske.signatureScheme()));
        } else if (m instanceof Tls12HandshakeMessage.ServerHelloDone
                && direction == Direction.SENT
                && !certificateReported) {
            certificateSent(null); // RSA key transport: the certificate is not signed over
        } else if (m instanceof Tls12HandshakeMessage.ClientKeyExchangeEcdhe
                && direction == Direction.RECEIVED) {
            sink.accept(
                    new KeyExchangeDone(handshakeId, "ECDHE", group, "TLS 1.2", elapsedMicros()));
        } else if (m instanceof Tls12HandshakeMessage.ClientKeyExchangeRsa
                && direction == Direction.RECEIVED) {
            sink.accept(new KeyExchangeDone(handshakeId, "RSA", null, "TLS 1.2", elapsedMicros()));
        }
    }

    /**
     * The serial (lower-case hex) of the leaf this handshake sent, or null when it sent none (a
     * resumed handshake): with several identities, the one the engine chose for this client.
     */
    public String sentCertificateSerial() {
        LeafFacts leaf = sentLeaf;
        return leaf == null ? null : leaf.serial();
    }

    private void certificateSent(String scheme) {
        if (sentLeaf == null || certificateReported) {
            return;
        }
        certificateReported = true;
        sink.accept(
                new CertificateSent(
                        handshakeId,
                        "server",
                        sentLeaf.subject(),
                        sentLeaf.serial(),
                        sentLeaf.issuer(),
                        sentLeaf.notBefore(),
                        sentLeaf.notAfter(),
                        sentChainLength,
                        scheme,
                        elapsedMicros()));
    }

    private void clientHello(ClientHello ch, byte[] raw) {
        List<Extension> ext = ch.extensions();
        sink.accept(
                new ClientHelloReceived(
                        handshakeId,
                        TlsNames.version(ch.legacyVersion()),
                        Extension.find(ext, Extension.ClientSupportedVersions.class)
                                .map(v -> v.versions().stream().map(TlsNames::version).toList())
                                .orElse(List.of()),
                        HEX.formatHex(ch.random()),
                        ch.cipherSuites().stream().map(TlsNames::suite).toList(),
                        Extension.find(ext, Extension.SupportedGroups.class)
                                .map(g -> g.groups().stream().map(TlsNames::group).toList())
                                .orElse(List.of()),
                        Extension.find(ext, Extension.ClientKeyShares.class)
                                .map(
                                        k ->
                                                k.shares().stream()
                                                        .map(s -> TlsNames.group(s.group()))
                                                        .toList())
                                .orElse(List.of()),
                        Extension.find(ext, Extension.SignatureAlgorithms.class)
                                .map(s -> s.schemes().stream().map(TlsNames::scheme).toList())
                                .orElse(List.of()),
                        Extension.find(ext, Extension.ServerName.class)
                                .map(Extension.ServerName::hostName)
                                .orElse(null),
                        Extension.find(ext, Extension.Alpn.class)
                                .map(Extension.Alpn::protocols)
                                .orElse(List.of()),
                        ext.stream().map(e -> TlsNames.extension(e.type())).toList(),
                        HEX.formatHex(raw),
                        elapsedMicros()));
    }

    private void serverHello(ServerHello sh, byte[] raw) {
        boolean hrr = sh.isHelloRetryRequest();
        // The suite's hash ("SHA-256" or "SHA-384"), of TLS 1.3 and TLS 1.2 alike.
        transcriptHash =
                TlsCipherSuite.of(sh.cipherSuite())
                        .map(TlsCipherSuite::hash)
                        .orElse(HashAlgorithm.SHA256)
                        .jcaName();
        boolean psk =
                Extension.find(sh.extensions(), Extension.ServerPreSharedKey.class).isPresent();
        Optional<Extension.ServerKeyShare> share =
                Extension.find(sh.extensions(), Extension.ServerKeyShare.class);
        group =
                hrr
                        ? Extension.find(sh.extensions(), Extension.HelloRetryKeyShare.class)
                                .map(h -> TlsNames.group(h.selectedGroup()))
                                .orElse(null)
                        : share.map(s -> TlsNames.group(s.share().group())).orElse(null);
        String version =
                Extension.find(sh.extensions(), Extension.ServerSupportedVersion.class)
                        .map(v -> TlsNames.version(v.version()))
                        .orElse(TlsNames.version(sh.legacyVersion()));
        sink.accept(
                new ServerHelloSent(
                        handshakeId,
                        version,
                        HEX.formatHex(sh.random()),
                        TlsNames.suite(sh.cipherSuite()),
                        group,
                        hrr,
                        psk,
                        HEX.formatHex(raw),
                        elapsedMicros()));
        boolean tls13 =
                Extension.find(sh.extensions(), Extension.ServerSupportedVersion.class).isPresent();
        if (!hrr && tls13) {
            // RFC 8446 §7.1: with both shares known the server derives the handshake secret here.
            sink.accept(
                    new KeyExchangeDone(
                            handshakeId,
                            psk ? (share.isPresent() ? "PSK+ECDHE" : "PSK") : "ECDHE",
                            group,
                            version,
                            elapsedMicros()));
        }
    }

    @Override
    public void stateChanged(String from, String to) {
        if ("ExpectClientCertificateVerify".equals(from) && clientLeaf != null) {
            sink.accept(
                    new CertificateVerified(
                            handshakeId,
                            "server",
                            clientLeaf.subject(),
                            clientLeaf.serial(),
                            true,
                            null,
                            elapsedMicros()));
        }
        if ("ExpectClientFinished".equals(from) && "Connected".equals(to)) {
            // The client's Finished matched the transcript MAC (RFC 8446 §4.4.4).
            sink.accept(
                    new FinishedVerified(handshakeId, "client", transcriptHash, elapsedMicros()));
        }
        if (!"Closed".equals(to)) {
            state = to;
        }
    }

    @Override
    public void changeCipherSpec(Direction direction) {
        sink.accept(
                new ChangeCipherSpecExchanged(
                        handshakeId,
                        direction == Direction.SENT ? "sent" : "received",
                        elapsedMicros()));
    }

    @Override
    public void alert(Direction direction, Alert alert) {
        if (ended || alert.description() == AlertDescription.CLOSE_NOTIFY) {
            return;
        }
        if (!"Connected".equals(state)) {
            failed(alert.description(), direction == Direction.SENT ? "server" : "client", null);
        }
    }

    /** The handshake succeeded: the last event of its timeline. */
    public void completed(String sessionId, Negotiated n) {
        if (ended) {
            return;
        }
        ended = true;
        sink.accept(
                new HandshakeCompleted(
                        handshakeId,
                        sessionId,
                        n.version() == null ? "TLS 1.3" : TlsNames.version(n.version().code()),
                        n.cipherSuite().name(),
                        TlsNames.group(n.group()),
                        n.resumed(),
                        !n.peerCertificates().isEmpty(),
                        n.alpn().orElse(null),
                        n.extendedMasterSecret(),
                        n.secureRenegotiation(),
                        elapsedMicros()));
    }

    /** The handshake ended without an alert on the wire (timeout, connection lost, expired). */
    public void abandoned(String reason) {
        if (!ended && !"Connected".equals(state)) {
            failed(null, "server", reason);
        }
    }

    private void failed(AlertDescription alert, String sentBy, String reason) {
        ended = true;
        sink.accept(
                new HandshakeFailed(
                        handshakeId,
                        alert == null ? null : alert.wireName(),
                        sentBy,
                        state,
                        reason != null
                                ? reason
                                : ("server".equals(sentBy) ? "the server" : "the client")
                                        + " sent "
                                        + alert.wireName()
                                        + " in state "
                                        + state,
                        elapsedMicros()));
    }
}
