package io.tlsuite.handshake.replicas;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a replica stores between two REST steps: the suspended engine ({@code TlsEngine.suspend()})
 * and what the service keeps beside it (ids, peer, start time, the digests of the flights already
 * fed, for {@code replayed-flight}, the client authentication the handshake demands: {@code NONE},
 * {@code OPTIONAL}, {@code REQUIRED}), and the digest binding it to the client that started it
 * (hex; see the handshake service's {@code ClientBinding}: the secret itself is never stored).
 * {@code engine} is null when the engine cannot be suspended in its state: then only {@code holder}
 * can continue it. {@link #encode()} holds secrets: the caller zeroises it once stored; {@link
 * #wipe()} zeroises the engine bytes.
 *
 * <p>Layout: {@code u8 format | str handshakeId | str sessionId | str peer | i64 startedAtMillis |
 * str resumedFrom | str transcriptHash | str engineState | str holder | str clientAuth | str
 * clientBinding | u16 n | n x (u16 len, digest) | i32 len | engine}; {@code str} is a u16 length
 * and UTF-8 ({@code 0xffff} for null). Format 1 (before mutual TLS over REST) has no {@code
 * clientAuth}, format 2 (before client binding) no {@code clientBinding}: read as null.
 */
public record SuspendedExchange(
        String handshakeId,
        String sessionId,
        String peer,
        long startedAtMillis,
        String resumedFrom,
        String transcriptHash,
        String engineState,
        String holder,
        String clientAuth,
        String clientBinding,
        List<byte[]> flightDigests,
        byte[] engine) {

    private static final int FORMAT = 3;
    private static final int FORMAT_WITHOUT_BINDING = 2;
    private static final int FORMAT_WITHOUT_CLIENT_AUTH = 1;
    private static final int NULL = 0xffff;

    public byte[] encode() {
        List<byte[]> strings = new ArrayList<>();
        for (String s :
                new String[] {
                    handshakeId,
                    sessionId,
                    peer,
                    resumedFrom,
                    transcriptHash,
                    engineState,
                    holder,
                    clientAuth,
                    clientBinding
                }) {
            strings.add(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
        }
        int size = 1 + 8 + 2 + 4 + (engine == null ? 0 : engine.length);
        for (byte[] s : strings) {
            size += 2 + (s == null ? 0 : s.length);
        }
        for (byte[] d : flightDigests) {
            size += 2 + d.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put((byte) FORMAT);
        put(out, strings.get(0));
        put(out, strings.get(1));
        put(out, strings.get(2));
        out.putLong(startedAtMillis);
        put(out, strings.get(3));
        put(out, strings.get(4));
        put(out, strings.get(5));
        put(out, strings.get(6));
        put(out, strings.get(7));
        put(out, strings.get(8));
        out.putShort((short) flightDigests.size());
        for (byte[] d : flightDigests) {
            out.putShort((short) d.length).put(d);
        }
        out.putInt(engine == null ? -1 : engine.length);
        if (engine != null) {
            out.put(engine);
        }
        return out.array();
    }

    /** Reads a stored exchange; the input is not kept (the caller zeroises it). */
    public static SuspendedExchange decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            int format = in.get();
            if (format != FORMAT
                    && format != FORMAT_WITHOUT_BINDING
                    && format != FORMAT_WITHOUT_CLIENT_AUTH) {
                throw new IllegalArgumentException("unknown exchange format");
            }
            String handshakeId = string(in);
            String sessionId = string(in);
            String peer = string(in);
            long started = in.getLong();
            String resumedFrom = string(in);
            String hash = string(in);
            String state = string(in);
            String holder = string(in);
            String clientAuth = format == FORMAT_WITHOUT_CLIENT_AUTH ? null : string(in);
            String clientBinding = format == FORMAT ? string(in) : null;
            int n = Short.toUnsignedInt(in.getShort());
            List<byte[]> digests = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] d = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(d);
                digests.add(d);
            }
            int len = in.getInt();
            byte[] engine = null;
            if (len >= 0) {
                engine = new byte[len];
                in.get(engine);
            }
            return new SuspendedExchange(
                    handshakeId,
                    sessionId,
                    peer,
                    started,
                    resumedFrom,
                    hash,
                    state,
                    holder,
                    clientAuth,
                    clientBinding,
                    digests,
                    engine);
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("truncated exchange state", e);
        }
    }

    public void wipe() {
        if (engine != null) {
            Arrays.fill(engine, (byte) 0);
        }
    }

    private static void put(ByteBuffer out, byte[] s) {
        if (s == null) {
            out.putShort((short) NULL);
        } else {
            out.putShort((short) s.length).put(s);
        }
    }

    private static String string(ByteBuffer in) {
        int len = Short.toUnsignedInt(in.getShort());
        if (len == NULL) {
            return null;
        }
        byte[] b = new byte[len];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SuspendedExchange[handshake="
                + handshakeId
                + ", session="
                + sessionId
                + ", holder="
                + holder
                + ", engine "
                + (engine == null ? "not suspendable" : "redacted")
                + "]";
    }
}
