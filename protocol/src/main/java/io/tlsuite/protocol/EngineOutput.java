package io.tlsuite.protocol;

import io.tlsuite.protocol.alert.Alert;
import java.util.List;
import java.util.Optional;

/**
 * What one call into {@link TlsEngine} produced: bytes to send to the peer (whole records),
 * application data received, and where the connection stands.
 *
 * @param outbound records to write to the transport, possibly empty
 * @param applicationData decrypted application data, in order
 * @param handshakeComplete whether the handshake has completed (this call or earlier)
 * @param closed whether the engine is closed (fatal alert sent or received, or closed both ways)
 * @param alertSent the alert this call sent, if any (close_notify or the fatal alert of a failure)
 * @param alertReceived the alert this call received, if any
 */
public record EngineOutput(
        byte[] outbound,
        List<byte[]> applicationData,
        boolean handshakeComplete,
        boolean closed,
        Optional<Alert> alertSent,
        Optional<Alert> alertReceived) {
    public EngineOutput {
        applicationData = List.copyOf(applicationData);
    }

    /** Application data of this call, concatenated. */
    public byte[] applicationBytes() {
        int n = 0;
        for (byte[] b : applicationData) {
            n += b.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] b : applicationData) {
            System.arraycopy(b, 0, out, off, b.length);
            off += b.length;
        }
        return out;
    }

    /** True when a fatal alert was sent or received in this call. */
    public boolean failed() {
        return alertSent
                        .filter(
                                a ->
                                        a.description()
                                                != io.tlsuite.protocol.alert.AlertDescription
                                                        .CLOSE_NOTIFY)
                        .isPresent()
                || alertReceived
                        .filter(
                                a ->
                                        a.description()
                                                != io.tlsuite.protocol.alert.AlertDescription
                                                        .CLOSE_NOTIFY)
                        .isPresent();
    }

    @Override
    public String toString() {
        return "EngineOutput[outbound="
                + outbound.length
                + " bytes, applicationData="
                + applicationData.size()
                + " chunks, handshakeComplete="
                + handshakeComplete
                + ", closed="
                + closed
                + ", alertSent="
                + alertSent
                + ", alertReceived="
                + alertReceived
                + "]";
    }
}
