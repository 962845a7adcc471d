package io.tlsuite.containers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Asks the local Docker engine, over its Unix socket and with the JDK alone, whether it answers and
 * whether an image is present: what container tests check before they start, so that without an
 * engine (or without the suite's home-built images) they are skipped with the reason, not failed.
 */
public final class DockerEngine {

    /**
     * The API version of the engine this project installs (Docker 20.10); newer engines accept it.
     */
    static final String API = "v1.41";

    private final Path socket;

    private DockerEngine(Path socket) {
        this.socket = socket;
    }

    /** The engine at {@code DOCKER_HOST=unix://...}, else {@code /var/run/docker.sock}. */
    public static DockerEngine local() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && host.startsWith("unix://")) {
            return new DockerEngine(Path.of(host.substring("unix://".length())));
        }
        return new DockerEngine(Path.of("/var/run/docker.sock"));
    }

    /** Empty when the engine answers; otherwise why not, in words for a skipped test's reason. */
    public Optional<String> unavailableReason() {
        if (!Files.exists(socket)) {
            return Optional.of(
                    "no Docker engine: "
                            + socket
                            + " does not exist (start one with scripts/docker-engine)");
        }
        try {
            int status = get("/_ping");
            return status == 200
                    ? Optional.empty()
                    : Optional.of("the Docker engine at " + socket + " answered " + status);
        } catch (IOException e) {
            return Optional.of("the Docker engine at " + socket + " does not answer: " + e);
        }
    }

    /** Whether the engine holds {@code image} (name:tag) locally. */
    public boolean hasImage(String image) {
        try {
            return get("/images/" + URLEncoder.encode(image, StandardCharsets.UTF_8) + "/json")
                    == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private int get(String path) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            String request = "GET /" + API + path + " HTTP/1.0\r\nHost: docker\r\n\r\n";
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(512);
            while (head.size() < 12 && channel.read(buffer) > 0) {
                buffer.flip();
                head.write(buffer.array(), 0, buffer.limit());
                buffer.clear();
            }
            String statusLine = head.toString(StandardCharsets.US_ASCII);
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
