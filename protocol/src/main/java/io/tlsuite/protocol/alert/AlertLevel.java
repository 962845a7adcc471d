package io.tlsuite.protocol.alert;

/**
 * RFC 8446 §6: alert level. TLS 1.3 treats every alert except close_notify and user_canceled as
 * fatal.
 */
public enum AlertLevel {
    WARNING(1),
    FATAL(2);

    private final int code;

    AlertLevel(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AlertLevel of(int code) {
        return code == 1 ? WARNING : FATAL;
    }
}
