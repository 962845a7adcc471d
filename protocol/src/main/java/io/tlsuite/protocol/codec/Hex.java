package io.tlsuite.protocol.codec;

import java.util.HexFormat;

/** Hex rendering for listeners and tests (whitespace tolerant on input). */
public final class Hex {
    private Hex() {}

    public static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    public static byte[] parse(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }
}
