package io.tlsuite.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command-line tool the checks run (kubectl, promtool); absent, the test is skipped with why. */
record ExternalTool(String name, String installHint) {

    static final ExternalTool KUBECTL =
            new ExternalTool("kubectl", "install kubectl 1.30 or newer (it embeds kustomize)");
    static final ExternalTool PROMTOOL =
            new ExternalTool(
                    "promtool", "apt-get install -y prometheus (Debian ships promtool in it)");

    boolean installed() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    void assumeInstalled() {
        assumeTrue(
                installed(), name + " is not installed, so this check cannot run: " + installHint);
    }

    /** Exit code and combined output of {@code name args...}, run in {@code dir}. */
    Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(name);
        command.addAll(List.of(args));
        try {
            Process p =
                    new ProcessBuilder(command)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    record Result(int exitCode, String output) {}
}
