package io.tlsuite.agent.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;

/** The engine over a plain TCP socket to any host:port. */
public final class TcpChannel implements Channel {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String target;
    private final byte[] buf = new byte[18 * 1024];

    public TcpChannel(String host, int port, Duration timeout) throws IOException {
        this.target = host + ":" + port;
        this.socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public void send(byte[] records) throws IOException {
        if (records.length > 0) {
            out.write(records);
            out.flush();
        }
    }

    @Override
    public byte[] receive() throws IOException {
        int n = in.read(buf);
        if (n < 0) {
            return null;
        }
        byte[] got = Arrays.copyOf(buf, n);
        Arrays.fill(buf, 0, n, (byte) 0);
        return got;
    }

    @Override
    public String describe() {
        return target;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
