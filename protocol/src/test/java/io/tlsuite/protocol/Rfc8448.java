package io.tlsuite.protocol;

import io.tlsuite.protocol.codec.Hex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The RFC 8448 trace values, loaded from {@code src/test/resources/rfc8448}. */
public final class Rfc8448 {
    private final Map<String, byte[]> values = new HashMap<>();

    private Rfc8448(String resource) {
        try (InputStream in = Rfc8448.class.getResourceAsStream(resource);
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                values.put(line.substring(0, eq).strip(), Hex.parse(line.substring(eq + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Rfc8448 section3() {
        return new Rfc8448("/rfc8448/section3.txt");
    }

    public static Rfc8448 section4() {
        return new Rfc8448("/rfc8448/section4.txt");
    }

    public byte[] get(String name) {
        byte[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no vector " + name);
        }
        return v.clone();
    }
}
