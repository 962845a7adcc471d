package io.tlsuite.handshake.tls;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Notes whether a connection's first byte has arrived, for the first-byte watchdog: a client that
 * connects and says nothing is closed after {@code handshake.tls.first-byte-timeout}, long before
 * the handshake timeout.
 */
final class FirstByteWatch extends FilterInputStream {

    private volatile boolean arrived;

    FirstByteWatch(InputStream in) {
        super(in);
    }

    boolean arrived() {
        return arrived;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            arrived = true;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            arrived = true;
        }
        return n;
    }
}
