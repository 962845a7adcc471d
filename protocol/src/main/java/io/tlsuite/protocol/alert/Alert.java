package io.tlsuite.protocol.alert;

/** An alert message (RFC 8446 §6): two bytes on the wire, level and description. */
public record Alert(AlertLevel level, AlertDescription description) {

    public static Alert fatal(AlertDescription description) {
        return new Alert(AlertLevel.FATAL, description);
    }

    public static Alert closeNotify() {
        return new Alert(AlertLevel.WARNING, AlertDescription.CLOSE_NOTIFY);
    }

    public byte[] encode() {
        return new byte[] {(byte) level.code(), (byte) description.code()};
    }

    public static Alert decode(byte[] body) throws TlsAlertException {
        if (body.length != 2) {
            throw TlsAlertException.decodeError("alert must be 2 bytes, was " + body.length);
        }
        return new Alert(AlertLevel.of(body[0] & 0xff), AlertDescription.of(body[1] & 0xff));
    }
}
