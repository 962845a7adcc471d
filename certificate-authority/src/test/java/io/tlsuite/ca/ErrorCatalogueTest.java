package io.tlsuite.ca;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.ca.domain.CaProblems;
import io.tlsuite.service.testing.ErrorCatalogue;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCatalogueTest {

    @Test
    void everyProblemTypeOfTheCaIsDocumented() {
        assertThat(
                        ErrorCatalogue.undocumented(
                                Arrays.stream(CaProblems.values()).map(CaProblems::slug).toList()))
                .as("slugs missing from docs/errors.md")
                .isEmpty();
    }
}
