package io.tlsuite.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages form layers without cycles (issue 16): codecs and messages know nothing of
 * the state machines, crypto knows nothing of messages, records or configuration, and only the
 * engine facade ({@code io.tlsuite.protocol}) sees the state machines. See each package's {@code
 * package-info.java}.
 */
class ArchitectureTest {
    private static final String ROOT = "io.tlsuite.protocol";

    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(ROOT);
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(mainClasses);
    }

    /** Finer: every package its own slice, the facade and sub-packages such as crypto.tls12 too. */
    @Test
    void everyPackageIsFreeOfCycles() {
        slices().matching("io.tlsuite.(**)").should().beFreeOfCycles().check(mainClasses);
    }

    @Test
    void layersOnlyDependDownwards() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Engine")
                .definedBy(ROOT)
                .layer("StateMachines")
                .definedBy(ROOT + ".handshake..")
                .layer("Config")
                .definedBy(ROOT + ".config..")
                .layer("Records")
                .definedBy(ROOT + ".record..")
                .layer("Messages")
                .definedBy(ROOT + ".message..")
                .layer("Certificates")
                .definedBy(ROOT + ".cert..")
                .layer("Resumption")
                .definedBy(ROOT + ".resumption..")
                .layer("Crypto")
                .definedBy(ROOT + ".crypto..")
                .layer("Codec")
                .definedBy(ROOT + ".codec..")
                .layer("Alerts")
                .definedBy(ROOT + ".alert..")
                .whereLayer("Engine")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("StateMachines")
                .mayOnlyBeAccessedByLayers("Engine")
                .whereLayer("Config")
                .mayOnlyBeAccessedByLayers("StateMachines", "Engine")
                .whereLayer("Records")
                .mayOnlyBeAccessedByLayers("StateMachines", "Engine")
                .whereLayer("Messages")
                .mayOnlyBeAccessedByLayers("Config", "StateMachines", "Engine")
                .whereLayer("Certificates")
                .mayOnlyBeAccessedByLayers("Config", "StateMachines", "Engine")
                .whereLayer("Resumption")
                .mayOnlyBeAccessedByLayers("Config", "StateMachines", "Engine")
                .whereLayer("Crypto")
                .mayOnlyBeAccessedByLayers(
                        "Messages", "Records", "Resumption", "Config", "StateMachines", "Engine")
                .whereLayer("Codec")
                .mayOnlyBeAccessedByLayers(
                        "Crypto",
                        "Messages",
                        "Records",
                        "Certificates",
                        "Resumption",
                        "Config",
                        "StateMachines",
                        "Engine")
                .check(mainClasses);
    }

    /** The shared steps know neither role; the roles do not know each other. */
    @Test
    void rolesStayApart() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".handshake")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".handshake.client..", ROOT + ".handshake.server..")
                .check(mainClasses);
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".handshake.client..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".handshake.server..")
                .check(mainClasses);
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".handshake.server..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".handshake.client..")
                .check(mainClasses);
    }
}
