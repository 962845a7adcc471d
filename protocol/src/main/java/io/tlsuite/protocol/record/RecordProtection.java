package io.tlsuite.protocol.record;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.crypto.Aead;
import io.tlsuite.protocol.crypto.AeadAlgorithm;
import io.tlsuite.protocol.crypto.TrafficKeys;
import java.util.Arrays;

/**
 * One direction of record protection (RFC 8446 §5.2, §5.3): AEAD with the per-record nonce {@code
 * iv XOR seq}, the inner content type and zero padding.
 */
public final class RecordProtection implements RecordCipher {
    private final Aead aead;
    private final byte[] iv;
    private long sequence;

    public RecordProtection(AeadAlgorithm algorithm, TrafficKeys keys) {
        this.aead = algorithm.newAead(keys.key());
        this.iv = keys.iv().clone();
    }

    public long sequence() {
        return sequence;
    }

    /** Continues a connection restored from a snapshot at this sequence number. */
    public void setSequence(long sequence) {
        this.sequence = sequence;
    }

    private byte[] nonce() {
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
        }
        return nonce;
    }

    /**
     * Protects one record of {@code type} carrying {@code content}, with {@code padding} zero
     * bytes.
     */
    public byte[] seal(int type, byte[] content, int offset, int length, int padding) {
        // One buffer: header (the additional data), then TLSInnerPlaintext (content, type, zero
        // padding), sealed in place, the tag after it.
        int innerLength = length + 1 + padding;
        int cipherLength = innerLength + AeadAlgorithm.TAG_LENGTH;
        byte[] out = new byte[Record.HEADER_LENGTH + cipherLength];
        out[0] = ContentType.APPLICATION_DATA;
        out[1] = 3;
        out[2] = 3;
        out[3] = (byte) (cipherLength >>> 8);
        out[4] = (byte) cipherLength;
        System.arraycopy(content, offset, out, Record.HEADER_LENGTH, length);
        out[Record.HEADER_LENGTH + length] = (byte) type;
        aead.sealInPlace(nonce(), out, Record.HEADER_LENGTH, innerLength);
        sequence++;
        return out;
    }

    /**
     * Opens a TLSCiphertext; the result carries the inner content type and the unpadded content.
     */
    public Record open(Record record) throws TlsAlertException {
        if (record.type() != ContentType.APPLICATION_DATA) {
            throw TlsAlertException.unexpected(
                    "plaintext " + ContentType.name(record.type()) + " record after keys changed");
        }
        byte[] fragment = record.fragment();
        if (fragment.length < AeadAlgorithm.TAG_LENGTH + 1) {
            throw new TlsAlertException(AlertDescription.BAD_RECORD_MAC, "ciphertext too short");
        }
        byte[] inner = aead.open(nonce(), record.header(), fragment, 0, fragment.length);
        sequence++;
        int i = inner.length - 1;
        while (i >= 0 && inner[i] == 0) {
            i--;
        }
        if (i < 0) {
            throw TlsAlertException.unexpected("record without content type");
        }
        if (i > Record.MAX_PLAINTEXT) {
            throw new TlsAlertException(
                    AlertDescription.RECORD_OVERFLOW, "inner plaintext " + i + " bytes");
        }
        int type = inner[i] & 0xff;
        byte[] content = Arrays.copyOf(inner, i);
        Arrays.fill(inner, (byte) 0);
        return new Record(type, record.legacyVersion(), content);
    }

    public void destroy() {
        aead.destroy();
        Arrays.fill(iv, (byte) 0);
    }

    @Override
    public String toString() {
        return "RecordProtection[seq=" + sequence + "]";
    }
}
