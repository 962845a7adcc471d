package io.tlsuite.protocol.alert;

/**
 * A protocol error as a value: the alert the engine must send (or has received). Checked, so that
 * every code path that can fail says so; the engine turns it into an alert record and a closed
 * state. Messages never contain secret material.
 */
public final class TlsAlertException extends Exception {
    private final AlertDescription description;

    public TlsAlertException(AlertDescription description, String message) {
        super(description.wireName() + ": " + message, null, false, false);
        this.description = description;
    }

    public TlsAlertException(AlertDescription description, String message, Throwable cause) {
        super(description.wireName() + ": " + message, cause, false, false);
        this.description = description;
    }

    public AlertDescription description() {
        return description;
    }

    public static TlsAlertException decodeError(String message) {
        return new TlsAlertException(AlertDescription.DECODE_ERROR, message);
    }

    public static TlsAlertException unexpected(String message) {
        return new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE, message);
    }

    public static TlsAlertException illegalParameter(String message) {
        return new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER, message);
    }
}
