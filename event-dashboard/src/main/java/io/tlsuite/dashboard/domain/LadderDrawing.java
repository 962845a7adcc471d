package io.tlsuite.dashboard.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the events of a handshake and of its session into the messages a textbook ladder shows. The
 * handshake service publishes one event per step, not per record, so a few events stand for a whole
 * flight: the TLS 1.3 server flight after ServerHello (RFC 8446 §2), or the TLS 1.2 Certificate ...
 * ServerHelloDone flight (RFC 5246 §7.3).
 */
final class LadderDrawing {

    private static final String CLIENT = "client";
    private static final String SERVER = "handshake-service";
    private static final String CA = "CA";
    private static final String STORE = "session-store";

    private LadderDrawing() {}

    static Ladder draw(
            HandshakeTrace trace,
            SessionRecord session,
            CertificateRecord certificate,
            List<DashboardEvent> certificateEvents) {
        // Each event's data as a tree, parsed once here: the arrows read many of its fields.
        List<DashboardEvent> events = new ArrayList<>();
        trace.events.forEach(e -> events.add(e.expanded()));
        if (session != null) {
            session.events.forEach(e -> events.add(e.expanded()));
        }
        for (DashboardEvent e : certificateEvents) {
            if (!"tls.certificate.issued".equals(e.type())) {
                events.add(e.expanded());
            }
        }
        // The handshake's and the session's events come from different services and topics, read
        // in no fixed order between topics: their own time orders them, arrival only breaks ties.
        events.sort(
                Comparator.comparing(DashboardEvent::time)
                        .thenComparingLong(DashboardEvent::sequence));
        List<LadderArrow> arrows = new ArrayList<>();
        certificateEvents.stream()
                .filter(e -> "tls.certificate.issued".equals(e.type()))
                .findFirst()
                .map(DashboardEvent::expanded)
                .ifPresent(
                        e ->
                                arrows.add(
                                        arrow(
                                                e,
                                                CA,
                                                SERVER,
                                                "certificate issued",
                                                "serial "
                                                        + e.serial()
                                                        + " for "
                                                        + e.field("subject")
                                                        + " (before this handshake)",
                                                false,
                                                true)));
        String version = trace.version;
        for (DashboardEvent e : events) {
            LadderArrow a = arrowOf(e, version);
            if (a != null) {
                arrows.add(a);
            }
        }
        return new Ladder(
                trace.summary(),
                session == null ? null : session.view(),
                Ladder.LANES,
                withDeltas(arrows));
    }

    private static List<LadderArrow> withDeltas(List<LadderArrow> arrows) {
        List<LadderArrow> out = new ArrayList<>(arrows.size());
        LadderArrow previous = null;
        for (LadderArrow a : arrows) {
            Long delta = null;
            if (previous != null && !previous.context()) {
                if (a.elapsedMicros() != null && previous.elapsedMicros() != null) {
                    delta = a.elapsedMicros() - previous.elapsedMicros();
                } else {
                    delta = Duration.between(previous.time(), a.time()).toNanos() / 1000;
                }
            }
            out.add(
                    new LadderArrow(
                            a.sequence(),
                            a.eventType(),
                            a.from(),
                            a.to(),
                            a.message(),
                            a.note(),
                            a.time(),
                            a.elapsedMicros(),
                            delta,
                            a.alert(),
                            a.context(),
                            a.fields(),
                            a.rawHex()));
            previous = a;
        }
        return out;
    }

    private static LadderArrow arrowOf(DashboardEvent e, String version) {
        boolean tls12 = "TLS 1.2".equals(version);
        switch (e.type()) {
            case "tls.handshake.started":
                return arrow(
                        e,
                        CLIENT,
                        SERVER,
                        "tcp".equals(e.field("transport")) ? "TCP connect" : "REST: open handshake",
                        "from " + e.field("peer"),
                        false,
                        false);
            case "tls.handshake.client-hello-received":
                return arrow(
                        e,
                        CLIENT,
                        SERVER,
                        "ClientHello",
                        "client random, "
                                + size(e, "cipherSuites")
                                + " suites"
                                + (e.field("serverName") == null
                                        ? ""
                                        : ", SNI " + e.field("serverName")),
                        false,
                        false);
            case "tls.handshake.server-hello-sent":
                return arrow(
                        e,
                        SERVER,
                        CLIENT,
                        e.flag("helloRetryRequest") ? "HelloRetryRequest" : "ServerHello",
                        e.field("version")
                                + ", "
                                + e.field("cipherSuite")
                                + (e.flag("resumption") ? ", resumption accepted" : ""),
                        false,
                        false);
            case "tls.handshake.certificate-sent":
                if (tls12) {
                    boolean rsa = e.field("signatureScheme") == null;
                    return arrow(
                            e,
                            SERVER,
                            CLIENT,
                            rsa
                                    ? "Certificate, ServerHelloDone"
                                    : "Certificate, ServerKeyExchange, ServerHelloDone",
                            rsa
                                    ? "RSA key transport: nothing signed; the client will encrypt"
                                            + " to this certificate's public key"
                                    : "ECDHE share signed with " + e.field("signatureScheme"),
                            false,
                            false);
                }
                return arrow(
                        e,
                        SERVER,
                        CLIENT,
                        "EncryptedExtensions, Certificate, CertificateVerify, Finished",
                        "serial " + e.serial() + ", signed with " + e.field("signatureScheme"),
                        false,
                        false);
            case "tls.handshake.key-exchange-done":
                if ("TLS 1.2".equals(e.field("version"))) {
                    boolean rsa = "RSA".equals(e.field("method"));
                    return arrow(
                            e,
                            CLIENT,
                            SERVER,
                            "ClientKeyExchange",
                            rsa
                                    ? "pre-master secret encrypted with the server's RSA public"
                                            + " key; only the server can decrypt it"
                                    : "client's ECDHE public key; both sides compute the same"
                                            + " secret",
                            false,
                            false);
                }
                return arrow(
                        e,
                        SERVER,
                        SERVER,
                        "keys derived (" + e.field("method") + ")",
                        "the shared secret never crosses the wire (RFC 8446 §7.1)",
                        false,
                        false);
            case "tls.handshake.change-cipher-spec":
                boolean sent = "sent".equals(e.field("direction"));
                return arrow(
                        e,
                        sent ? SERVER : CLIENT,
                        sent ? CLIENT : SERVER,
                        tls12 && sent ? "ChangeCipherSpec, Finished" : "ChangeCipherSpec",
                        tls12
                                ? "from here on this side encrypts with the new keys"
                                : "middlebox compatibility only (RFC 8446 §D.4)",
                        false,
                        false);
            case "tls.handshake.certificate-verified":
                return arrow(
                        e,
                        CLIENT,
                        SERVER,
                        "Certificate, CertificateVerify (client)",
                        e.flag("valid") ? "client certificate accepted" : e.field("problem"),
                        !e.flag("valid"),
                        false);
            case "tls.handshake.finished-verified":
                return arrow(
                        e,
                        CLIENT,
                        SERVER,
                        "Finished",
                        "MAC over the " + e.field("transcriptHash") + " transcript hash matches",
                        false,
                        false);
            case "tls.handshake.completed":
                return arrow(
                        e,
                        SERVER,
                        SERVER,
                        "handshake complete",
                        "session " + e.sessionId() + (e.flag("resumed") ? " (resumed)" : ""),
                        false,
                        false);
            case "tls.handshake.failed":
                boolean byServer = "server".equals(e.field("sentBy"));
                return arrow(
                        e,
                        byServer ? SERVER : CLIENT,
                        byServer ? CLIENT : SERVER,
                        e.alert() == null ? "handshake abandoned" : "alert: " + e.alert(),
                        e.field("reason"),
                        true,
                        false);
            case "tls.session.created":
                return arrow(
                        e,
                        SERVER,
                        STORE,
                        "store session",
                        "keys kept in the store, encrypted at rest; expires "
                                + e.field("expiresAt"),
                        false,
                        false);
            case "tls.session.resumed":
                return arrow(
                        e,
                        CLIENT,
                        SERVER,
                        "resumption (" + e.field("method") + ")",
                        "new session " + e.sessionId() + " from " + e.field("resumedFrom"),
                        false,
                        false);
            case "tls.agent.message-exchanged":
                boolean out = "sent".equals(e.field("direction"));
                return arrow(
                        e,
                        out ? CLIENT : SERVER,
                        out ? SERVER : CLIENT,
                        "application_data",
                        e.number("payloadLength", 0)
                                + " bytes in a "
                                + e.number("recordLength", 0)
                                + "-byte record, sequence "
                                + e.number("sequenceNumber", 0),
                        false,
                        false);
            case "tls.session.closed":
                boolean byClient = "client".equals(e.field("closedBy"));
                return arrow(
                        e,
                        byClient ? CLIENT : SERVER,
                        byClient ? SERVER : STORE,
                        byClient ? "close_notify" : "close session",
                        "closed by " + e.field("closedBy"),
                        false,
                        false);
            case "tls.session.expired":
                return arrow(e, STORE, STORE, "session expired", null, false, false);
            case "tls.session.terminated":
                return arrow(
                        e,
                        CA,
                        STORE,
                        "session terminated",
                        e.field("reason")
                                + (e.serial() == null ? "" : " (certificate " + e.serial() + ")"),
                        true,
                        false);
            case "tls.session.keys-destroyed":
                return arrow(
                        e,
                        STORE,
                        STORE,
                        "keys destroyed",
                        e.number("keysDestroyed", 0)
                                + " keys, "
                                + e.number("bytesZeroised", 0)
                                + " bytes zeroised ("
                                + e.field("cause")
                                + ")",
                        false,
                        false);
            case "tls.session.keys-access-denied":
                return arrow(
                        e,
                        CLIENT,
                        STORE,
                        "key access denied",
                        e.field("action") + ": " + e.field("reason"),
                        true,
                        false);
            case "tls.certificate.revoked":
                return arrow(
                        e,
                        CA,
                        SERVER,
                        "certificate revoked",
                        "serial " + e.serial() + ": " + e.field("reason"),
                        true,
                        false);
            case "tls.certificate.expired":
                return arrow(
                        e, CA, SERVER, "certificate expired", "serial " + e.serial(), true, false);
            default:
                return null;
        }
    }

    private static int size(DashboardEvent e, String field) {
        JsonNode n = e.data().get(field);
        return n == null ? 0 : n.size();
    }

    private static LadderArrow arrow(
            DashboardEvent e,
            String from,
            String to,
            String message,
            String note,
            boolean alert,
            boolean context) {
        JsonNode elapsed = e.data().get("elapsedMicros");
        return new LadderArrow(
                e.sequence(),
                e.type(),
                from,
                to,
                message,
                note,
                e.time(),
                elapsed != null && elapsed.isNumber() ? elapsed.longValue() : null,
                null,
                alert,
                context,
                e.data(),
                e.field("rawHex"));
    }
}
