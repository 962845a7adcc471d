package io.tlsuite.protocol.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/**
 * NSS key log sink (the SSLKEYLOGFILE format Wireshark reads). Off unless configured: it writes
 * traffic secrets, so it is for debugging only.
 */
@FunctionalInterface
public interface KeyLog {
    /**
     * {@code label} is e.g. CLIENT_HANDSHAKE_TRAFFIC_SECRET; both byte arrays are read, not kept.
     */
    void log(String label, byte[] clientRandom, byte[] secret);

    /** Appends lines to a file (created if absent). */
    static KeyLog toFile(Path file) {
        return (label, clientRandom, secret) -> {
            String line =
                    label
                            + " "
                            + HexFormat.of().formatHex(clientRandom)
                            + " "
                            + HexFormat.of().formatHex(secret)
                            + "\n";
            synchronized (KeyLog.class) {
                try {
                    Files.writeString(
                            file,
                            line,
                            StandardCharsets.US_ASCII,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
