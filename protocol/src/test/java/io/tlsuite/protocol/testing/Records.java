package io.tlsuite.protocol.testing;

import io.tlsuite.protocol.record.Record;
import io.tlsuite.protocol.record.RecordReader;
import java.util.ArrayList;
import java.util.List;

/** Splits captured wire bytes into records, for tests that inspect or tamper with them. */
public final class Records {
    private Records() {}

    public static List<Record> split(byte[] wire) {
        try {
            RecordReader r = new RecordReader();
            r.add(wire, 0, wire.length);
            List<Record> out = new ArrayList<>();
            java.util.Optional<Record> rec;
            while ((rec = r.next()).isPresent()) {
                out.add(rec.get());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] join(List<Record> records) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Record r : records) {
            out.writeBytes(r.encode());
        }
        return out.toByteArray();
    }
}
