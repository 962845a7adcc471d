package io.tlsuite.service.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * {@code docs/errors.md}, the one catalogue of problem types: a service's test names its slugs and
 * fails when one is not documented there.
 */
public final class ErrorCatalogue {

    private ErrorCatalogue() {}

    /** The catalogue, found from the module directory the tests run in. */
    public static String text() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs").resolve("errors.md");
            if (Files.isRegularFile(doc)) {
                try {
                    return Files.readString(doc);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException(
                "docs/errors.md not found above " + Path.of("").toAbsolutePath());
    }

    /** The slugs that {@code docs/errors.md} does not name (as {@code `slug`}). */
    public static List<String> undocumented(Collection<String> slugs) {
        String doc = text();
        return slugs.stream().filter(slug -> !doc.contains("`" + slug + "`")).toList();
    }
}
