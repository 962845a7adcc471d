package io.tlsuite.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** deploy/images.txt: image reference -> where it is used ("compose", "k8s", "k8s-dev"). */
record ImageList(Map<String, Set<String>> images) {

    static final List<String> SUITE_SERVICES =
            List.of(
                    "certificate-authority",
                    "handshake-service",
                    "session-store",
                    "client-agent",
                    "event-dashboard");

    static ImageList read() {
        Path file = DeployTree.root().resolve("images.txt");
        Map<String, Set<String>> images = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] parts = l.split("\\s+");
                images.put(parts[0], Set.copyOf(List.of(parts).subList(1, parts.length)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ImageList(images);
    }

    /** The repository part of a reference: {@code tlsuite/x:1.0} -> {@code tlsuite/x}. */
    static String repository(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(0, colon) : image;
    }

    boolean usedIn(String image, String where) {
        Set<String> w = images.get(image);
        return w != null && (w.contains(where) || (where.startsWith("k8s-") && w.contains("k8s")));
    }
}
