package io.tlsuite.protocol.record;

/**
 * One record as read from the wire: TLSPlaintext or TLSCiphertext (RFC 8446 §5.1, §5.2), or the
 * plaintext content recovered from a TLSCiphertext (then {@code type} is the inner content type).
 */
public record Record(int type, int legacyVersion, byte[] fragment) {
    public static final int HEADER_LENGTH = 5;

    /** RFC 8446 §5.1: TLSPlaintext.length MUST NOT exceed 2^14. */
    public static final int MAX_PLAINTEXT = 1 << 14;

    /** RFC 8446 §5.2: TLSCiphertext.length MUST NOT exceed 2^14 + 256. */
    public static final int MAX_CIPHERTEXT = MAX_PLAINTEXT + 256;

    public byte[] header() {
        return new byte[] {
            (byte) type,
            (byte) (legacyVersion >>> 8),
            (byte) legacyVersion,
            (byte) (fragment.length >>> 8),
            (byte) fragment.length
        };
    }

    public byte[] encode() {
        byte[] out = new byte[HEADER_LENGTH + fragment.length];
        System.arraycopy(header(), 0, out, 0, HEADER_LENGTH);
        System.arraycopy(fragment, 0, out, HEADER_LENGTH, fragment.length);
        return out;
    }

    @Override
    public String toString() {
        return "Record[" + ContentType.name(type) + ", " + fragment.length + " bytes]";
    }
}
