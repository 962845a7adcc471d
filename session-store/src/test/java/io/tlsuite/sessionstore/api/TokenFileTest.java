package io.tlsuite.sessionstore.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    @TempDir Path dir;

    @Test
    void createsARandomPrivateTokenOnceAndReadsItAfterwards() throws Exception {
        Path file = dir.resolve("data/session-store-token");
        String first = TokenFile.readOrCreate(file);
        assertThat(first).hasSizeGreaterThanOrEqualTo(43);
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(TokenFile.readOrCreate(file)).isEqualTo(first);
        assertThat(TokenFile.readOrCreate(dir.resolve("other"))).isNotEqualTo(first);
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void servicesStartingTogetherAgreeOnOneToken() throws Exception {
        Path file = dir.resolve("session-store-token");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> starts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                starts.add(() -> TokenFile.readOrCreate(file));
            }
            Set<String> tokens = new HashSet<>();
            for (Future<String> f : pool.invokeAll(starts)) {
                tokens.add(f.get());
            }
            assertThat(tokens).hasSize(1);
            assertThat(Files.readString(file).trim()).isEqualTo(tokens.iterator().next());
        } finally {
            pool.shutdownNow();
        }
    }
}
