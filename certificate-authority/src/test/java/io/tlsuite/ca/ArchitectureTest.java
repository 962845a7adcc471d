package io.tlsuite.ca;

import io.tlsuite.service.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The CA's packages keep their layers and form no cycle. */
class ArchitectureTest {

    @Test
    void packagesAreLayeredWithoutCycles() {
        ArchitectureRules.check("io.tlsuite.ca");
    }
}
