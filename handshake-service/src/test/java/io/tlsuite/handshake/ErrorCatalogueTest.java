package io.tlsuite.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsuite.handshake.domain.HandshakeProblems;
import io.tlsuite.service.testing.ErrorCatalogue;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCatalogueTest {

    @Test
    void everyProblemTypeOfTheHandshakeServiceIsDocumented() {
        assertThat(
                        ErrorCatalogue.undocumented(
                                Arrays.stream(HandshakeProblems.values())
                                        .map(HandshakeProblems::slug)
                                        .toList()))
                .as("slugs missing from docs/errors.md")
                .isEmpty();
    }
}
