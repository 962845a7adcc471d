package io.tlsuite.handshake.domain;

import io.tlsuite.handshake.events.TlsNames;
import io.tlsuite.protocol.EngineOutput;
import io.tlsuite.protocol.Negotiated;
import io.tlsuite.protocol.alert.Alert;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The JSON views of what a step produced: an alert, the negotiated parameters. No secret. */
final class StepViews {
    private StepViews() {}

    /** The alert that ended the step (sent, else received), or null. */
    static Alert endingAlert(EngineOutput out) {
        return out.alertSent().or(out::alertReceived).orElse(null);
    }

    /** "the server sent decode_error", "the client sent ..." or {@code otherwise}. */
    static String whoSent(EngineOutput out, String otherwise) {
        Alert alert = endingAlert(out);
        if (alert == null) {
            return otherwise;
        }
        return (out.alertSent().isPresent() ? "the server sent " : "the client sent ")
                + alert.description().wireName();
    }

    static Map<String, Object> alert(EngineOutput out) {
        Alert alert = endingAlert(out);
        if (alert == null) {
            return null;
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("level", alert.level().name().toLowerCase(Locale.ROOT));
        v.put("description", alert.description().wireName());
        v.put("code", alert.description().code());
        v.put("sentBy", out.alertSent().isPresent() ? "server" : "client");
        return v;
    }

    static Map<String, Object> negotiated(Negotiated n) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("version", TlsNames.protocol(n.version()));
        v.put("cipherSuite", n.cipherSuite().name());
        v.put("group", TlsNames.group(n.group()));
        v.put("resumed", n.resumed());
        v.put("helloRetryRequest", n.helloRetryRequest());
        v.put("clientAuthenticated", !n.peerCertificates().isEmpty());
        return v;
    }
}
