package io.tlsuite.protocol.record;

import io.tlsuite.protocol.alert.AlertDescription;
import io.tlsuite.protocol.alert.TlsAlertException;
import io.tlsuite.protocol.crypto.Aead;
import io.tlsuite.protocol.crypto.AeadAlgorithm;
import io.tlsuite.protocol.crypto.Tls12CipherSuite;
import java.util.Arrays;

/**
 * One direction of TLS 1.2 AEAD record protection (RFC 5246 §6.2.3.3). The additional data is
 * {@code seq_num(8) + type(1) + version(2) + plaintext length(2)}. Nonces:
 *
 * <ul>
 *   <li>AES-GCM (RFC 5288 §3): {@code salt(4, from the key block) + nonce_explicit(8)}; the
 *       explicit part travels in front of the ciphertext. We send the sequence number as the
 *       explicit nonce (unique per key, as RFC 5288 asks) and accept any value from the peer.
 *   <li>ChaCha20-Poly1305 (RFC 7905 §2): {@code iv(12) XOR (0^4 + seq_num(8))}, nothing explicit.
 * </ul>
 *
 * There is no inner content type and no padding: the record type is the outer one.
 */
public final class Tls12RecordProtection implements RecordCipher {
    public static final int VERSION = 0x0303;

    private final Aead aead;
    private final byte[] fixedIv;
    private final int explicitLength;
    private long sequence;

    /**
     * @param writeKey the direction's write key from the key block
     * @param writeIv the direction's fixed IV from the key block (4 bytes GCM, 12 ChaCha20)
     */
    public Tls12RecordProtection(Tls12CipherSuite suite, byte[] writeKey, byte[] writeIv) {
        if (writeIv.length != suite.fixedIvLength()) {
            throw new IllegalArgumentException("IV length " + writeIv.length);
        }
        this.aead = suite.aead().newAead(writeKey);
        this.fixedIv = writeIv.clone();
        this.explicitLength = suite.recordIvLength();
    }

    public long sequence() {
        return sequence;
    }

    /** Continues a connection restored from a snapshot at this sequence number. */
    public void setSequence(long sequence) {
        this.sequence = sequence;
    }

    private byte[] nonce(byte[] explicit) {
        byte[] nonce = new byte[AeadAlgorithm.IV_LENGTH];
        if (explicitLength == 0) {
            System.arraycopy(fixedIv, 0, nonce, 0, nonce.length);
            for (int i = 0; i < 8; i++) {
                nonce[nonce.length - 1 - i] ^= (byte) (sequence >>> (8 * i));
            }
        } else {
            System.arraycopy(fixedIv, 0, nonce, 0, fixedIv.length);
            System.arraycopy(explicit, 0, nonce, fixedIv.length, explicit.length);
        }
        return nonce;
    }

    private byte[] additionalData(int type, int version, int plaintextLength) {
        byte[] aad = new byte[13];
        for (int i = 0; i < 8; i++) {
            aad[7 - i] = (byte) (sequence >>> (8 * i));
        }
        aad[8] = (byte) type;
        aad[9] = (byte) (version >>> 8);
        aad[10] = (byte) version;
        aad[11] = (byte) (plaintextLength >>> 8);
        aad[12] = (byte) plaintextLength;
        return aad;
    }

    private void checkSequence() {
        // RFC 5246 §6.1: sequence numbers do not wrap; the connection must renegotiate or close.
        if (sequence == -1L) {
            throw new IllegalStateException("TLS 1.2 sequence number exhausted");
        }
    }

    /** TLS 1.2 has no record padding: {@code padding} is ignored. */
    @Override
    public byte[] seal(int type, byte[] content, int offset, int length, int padding) {
        return seal(type, content, offset, length);
    }

    /** Protects one record of {@code type}; returns the whole TLSCiphertext with its header. */
    public byte[] seal(int type, byte[] content, int offset, int length) {
        if (length > Record.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("plaintext " + length + " > 2^14");
        }
        checkSequence();
        byte[] explicit = new byte[explicitLength];
        for (int i = 0; i < explicitLength; i++) {
            explicit[explicitLength - 1 - i] = (byte) (sequence >>> (8 * i));
        }
        byte[] plaintext = Arrays.copyOfRange(content, offset, offset + length);
        byte[] ciphertext =
                aead.seal(nonce(explicit), additionalData(type, VERSION, length), plaintext);
        Arrays.fill(plaintext, (byte) 0);
        sequence++;
        int fragmentLength = explicitLength + ciphertext.length;
        byte[] out = new byte[Record.HEADER_LENGTH + fragmentLength];
        out[0] = (byte) type;
        out[1] = (byte) (VERSION >>> 8);
        out[2] = (byte) VERSION;
        out[3] = (byte) (fragmentLength >>> 8);
        out[4] = (byte) fragmentLength;
        System.arraycopy(explicit, 0, out, Record.HEADER_LENGTH, explicitLength);
        System.arraycopy(
                ciphertext, 0, out, Record.HEADER_LENGTH + explicitLength, ciphertext.length);
        return out;
    }

    /**
     * Opens a TLSCiphertext: {@code bad_record_mac} when it is too short or does not authenticate
     * (also on replay or reordering: the sequence number is in the additional data), {@code
     * record_overflow} when the plaintext would exceed 2^14.
     */
    public Record open(Record record) throws TlsAlertException {
        checkSequence();
        byte[] fragment = record.fragment();
        int plaintextLength = fragment.length - explicitLength - AeadAlgorithm.TAG_LENGTH;
        if (plaintextLength < 0) {
            throw new TlsAlertException(AlertDescription.BAD_RECORD_MAC, "ciphertext too short");
        }
        if (plaintextLength > Record.MAX_PLAINTEXT) {
            throw new TlsAlertException(
                    AlertDescription.RECORD_OVERFLOW, "plaintext " + plaintextLength + " bytes");
        }
        byte[] explicit = Arrays.copyOf(fragment, explicitLength);
        byte[] plaintext =
                aead.open(
                        nonce(explicit),
                        additionalData(record.type(), record.legacyVersion(), plaintextLength),
                        fragment,
                        explicitLength,
                        fragment.length - explicitLength);
        sequence++;
        return new Record(record.type(), record.legacyVersion(), plaintext);
    }

    public void destroy() {
        aead.destroy();
        Arrays.fill(fixedIv, (byte) 0);
    }

    @Override
    public String toString() {
        return "Tls12RecordProtection[seq=" + sequence + "]";
    }
}
