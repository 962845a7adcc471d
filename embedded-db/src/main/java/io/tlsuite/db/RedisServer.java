package io.tlsuite.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A Redis server to use, and why it was chosen.
 *
 * @param uri {@code redis://[[user]:password@]host:port[/db]}, as Quarkus' {@code
 *     quarkus.redis.hosts} takes it
 * @param origin where the server came from
 * @param why one sentence: why this server was chosen
 */
public record RedisServer(String uri, Origin origin, String why) {

    public static RedisServer local(int port, Origin origin, String why) {
        return new RedisServer("redis://127.0.0.1:" + port, origin, why);
    }

    public String host() {
        return URI.create(uri).getHost();
    }

    public int port() {
        int port = URI.create(uri).getPort();
        return port < 0 ? 6379 : port;
    }

    /** What a person reads: {@code Redis (embedded, port 16379)}. */
    public String label() {
        return "Redis ("
                + origin.label()
                + ", "
                + (origin == Origin.CONFIGURED ? host() + ":" + port() : "port " + port())
                + ")";
    }

    /**
     * Sends {@code PING} (after {@code AUTH} when the URI carries a password) over a plain socket.
     *
     * @return empty when the server answers {@code +PONG}, else why not (one line)
     */
    public Optional<String> problem() {
        URI u = URI.create(uri);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port()), 2000);
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String userInfo = u.getUserInfo();
            if (userInfo != null && !userInfo.isEmpty()) {
                int colon = userInfo.indexOf(':');
                String user = colon < 0 ? "" : userInfo.substring(0, colon);
                String password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
                String reply =
                        user.isEmpty()
                                ? command(out, in, "AUTH", password)
                                : command(out, in, "AUTH", user, password);
                if (!reply.startsWith("+OK")) {
                    return Optional.of("AUTH refused: " + reply);
                }
            }
            String reply = command(out, in, "PING");
            return reply.startsWith("+PONG")
                    ? Optional.empty()
                    : Optional.of("PING answered " + reply);
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** One RESP command, its first reply line (RESP2 array of bulk strings). */
    private static String command(OutputStream out, InputStream in, String... words)
            throws IOException {
        StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
        for (String w : words) {
            byte[] b = w.getBytes(StandardCharsets.UTF_8);
            request.append('$').append(b.length).append("\r\n").append(w).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public String toString() {
        return label() + ": " + why;
    }
}
