package io.tlsuite.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the deploy/ files are: the surefire property, else the working directory's deploy/. */
final class DeployTree {
    private DeployTree() {}

    static Path root() {
        String configured = System.getProperty("tlsuite.deploy.dir");
        Path dir =
                configured != null
                        ? Path.of(configured)
                        : Files.isDirectory(Path.of("deploy")) ? Path.of("deploy") : Path.of("..");
        return dir.toAbsolutePath().normalize();
    }

    static Path overlay(String name) {
        return root().resolve("k8s/overlays").resolve(name);
    }

    static Path observability() {
        return root().resolve("observability");
    }
}
