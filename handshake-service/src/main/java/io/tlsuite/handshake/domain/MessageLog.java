package io.tlsuite.handshake.domain;

import io.tlsuite.protocol.alert.Alert;
import io.tlsuite.protocol.config.TlsListener;
import io.tlsuite.protocol.message.HandshakeMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects the decoded view of the messages of one step, and passes every callback on. */
final class MessageLog implements TlsListener {
    private final TlsListener next;
    private List<Map<String, Object>> messages = new ArrayList<>();

    MessageLog(TlsListener next) {
        this.next = next;
    }

    @Override
    public void handshakeMessage(Direction direction, HandshakeMessage message, byte[] raw) {
        messages.add(MessageView.of(direction(direction), message, raw));
        next.handshakeMessage(direction, message, raw);
    }

    @Override
    public void stateChanged(String from, String to) {
        next.stateChanged(from, to);
    }

    @Override
    public void alert(Direction direction, Alert alert) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("direction", direction(direction));
        v.put("type", "alert");
        v.put("level", alert.level().name().toLowerCase(Locale.ROOT));
        v.put("description", alert.description().wireName());
        messages.add(v);
        next.alert(direction, alert);
    }

    @Override
    public void changeCipherSpec(Direction direction) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("direction", direction(direction));
        v.put("type", "change_cipher_spec");
        messages.add(v);
        next.changeCipherSpec(direction);
    }

    /** The views collected since the last call. */
    List<Map<String, Object>> drain() {
        List<Map<String, Object>> out = messages;
        messages = new ArrayList<>();
        return out;
    }

    private static String direction(Direction d) {
        return d == Direction.SENT ? "sent" : "received";
    }
}
