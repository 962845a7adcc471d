package io.tlsuite.sessionstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.service.testing.ErrorCatalogue;
import io.tlsuite.sessionstore.domain.EngineStateException;
import io.tlsuite.sessionstore.domain.Rejection;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ErrorCatalogueTest {

    @Test
    void everyProblemTypeOfTheStoreIsDocumented() {
        List<String> slugs =
                Stream.concat(
                                Arrays.stream(Rejection.values()).map(Rejection::slug),
                                Arrays.stream(EngineStateException.Reason.values())
                                        .map(r -> r.slug))
                        .toList();
        assertThat(ErrorCatalogue.undocumented(slugs))
                .as("slugs missing from docs/errors.md")
                .isEmpty();
    }
}
