package io.tlsuite.protocol.record;

import io.tlsuite.protocol.alert.TlsAlertException;

/**
 * One direction of record protection, whichever the version: {@link RecordProtection} (TLS 1.3) or
 * {@link Tls12RecordProtection} (TLS 1.2 AEAD).
 */
public interface RecordCipher {
    /** Protects one record; {@code padding} zero bytes where the version has padding (1.3 only). */
    byte[] seal(int type, byte[] content, int offset, int length, int padding);

    Record open(Record record) throws TlsAlertException;

    long sequence();

    void setSequence(long sequence);

    void destroy();
}
