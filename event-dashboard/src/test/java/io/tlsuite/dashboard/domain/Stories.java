package io.tlsuite.dashboard.domain;

import io.tlsuite.dashboard.events.EventDecoder;
import io.tlsuite.events.EventCodec;
import io.tlsuite.events.LifecycleEvent;
import io.tlsuite.events.certificate.CertificateIssued;
import io.tlsuite.events.certificate.CertificateRevoked;
import io.tlsuite.events.handshake.CertificateSent;
import io.tlsuite.events.handshake.ChangeCipherSpecExchanged;
import io.tlsuite.events.handshake.ClientHelloReceived;
import io.tlsuite.events.handshake.FinishedVerified;
import io.tlsuite.events.handshake.HandshakeCompleted;
import io.tlsuite.events.handshake.HandshakeStarted;
import io.tlsuite.events.handshake.KeyExchangeDone;
import io.tlsuite.events.handshake.ServerHelloSent;
import io.tlsuite.events.session.SessionCreated;
import io.tlsuite.events.session.SessionKeysDestroyed;
import io.tlsuite.events.session.SessionTerminated;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Event sequences as the services publish them, in the order the handshake service's recorder emits
 * them (HandshakeEventRecorder), turned into dashboard events through the real codec and decoder.
 */
public final class Stories {

    private Stories() {}

    /** A TLS 1.2 RSA key transport handshake (docs/walkthrough.md), its session, then nothing. */
    public static List<LifecycleEvent> rsaHandshake(String hs, String session, String serial) {
        Instant now = Instant.now();
        return List.of(
                new CertificateIssued(
                        serial,
                        "CN=localhost",
                        "CN=tlsuite intermediate",
                        "server",
                        "RSA 2048",
                        List.of("DNS:localhost"),
                        now.minus(1, ChronoUnit.DAYS),
                        now.plus(90, ChronoUnit.DAYS),
                        "ab".repeat(32)),
                new HandshakeStarted(hs, "tcp", "127.0.0.1:50000", 0),
                new ClientHelloReceived(
                        hs,
                        "TLS 1.2",
                        List.of(),
                        "11".repeat(32),
                        List.of("TLS_RSA_WITH_AES_128_GCM_SHA256"),
                        List.of("x25519"),
                        List.of(),
                        List.of("rsa_pss_rsae_sha256"),
                        "localhost",
                        List.of(),
                        List.of("server_name", "extended_master_secret", "renegotiation_info"),
                        "0100007d0303" + "11".repeat(32),
                        40),
                new ServerHelloSent(
                        hs,
                        "TLS 1.2",
                        "22".repeat(32),
                        "TLS_RSA_WITH_AES_128_GCM_SHA256",
                        null,
                        false,
                        false,
                        "020000350303" + "22".repeat(32),
                        90),
                new CertificateSent(
                        hs,
                        "server",
                        "CN=localhost",
                        serial,
                        "CN=tlsuite intermediate",
                        now.minus(1, ChronoUnit.DAYS),
                        now.plus(90, ChronoUnit.DAYS),
                        2,
                        null,
                        120),
                new KeyExchangeDone(hs, "RSA", null, "TLS 1.2", 900),
                new ChangeCipherSpecExchanged(hs, "received", 950),
                new FinishedVerified(hs, "client", "SHA-256", 1000),
                new ChangeCipherSpecExchanged(hs, "sent", 1020),
                new HandshakeCompleted(
                        hs,
                        session,
                        "TLS 1.2",
                        "TLS_RSA_WITH_AES_128_GCM_SHA256",
                        null,
                        false,
                        false,
                        null,
                        true,
                        true,
                        1100),
                new SessionCreated(
                        session,
                        hs,
                        "127.0.0.1:50000",
                        "localhost",
                        "TLS 1.2",
                        "TLS_RSA_WITH_AES_128_GCM_SHA256",
                        serial,
                        null,
                        now,
                        now.plus(1, ChronoUnit.HOURS)));
    }

    /** The revocation cascade: the CA revokes, the store terminates and destroys the keys. */
    public static List<LifecycleEvent> revocation(String session, String serial) {
        return List.of(
                new CertificateRevoked(serial, "CN=localhost", "keyCompromise", Instant.now()),
                new SessionTerminated(session, "certificate-revoked", serial),
                new SessionKeysDestroyed(session, "terminated", 4, 160));
    }

    /** The events as the reader would hand them to the index. */
    public static List<DashboardEvent> decoded(List<LifecycleEvent> events) {
        EventDecoder decoder = new EventDecoder();
        List<DashboardEvent> out = new ArrayList<>();
        long offset = 0;
        for (LifecycleEvent e : events) {
            byte[] bytes = EventCodec.serialize(EventCodec.envelope(e, "/tlsuite/test/1"));
            try {
                out.add(decoder.decode(e.topic(), 0, offset++, bytes));
            } catch (EventDecoder.NotAnEvent ex) {
                throw new AssertionError(ex);
            }
        }
        return out;
    }
}
