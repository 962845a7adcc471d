package io.tlsuite.service.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering every service keeps (CONVENTIONS.md): packages by role ({@code api}, {@code domain},
 * {@code store}, {@code events}, ...) with no cycle between them, and a {@code domain} that knows
 * nothing of the REST API that serves it.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {}

    /** The main classes (not tests) under {@code rootPackage}. */
    public static JavaClasses mainClasses(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /** No cycle between the sub-packages of {@code rootPackage}. */
    public static ArchRule noPackageCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..")
                .should()
                .beFreeOfCycles()
                .because("dependencies between a service's packages point one way");
    }

    /** The domain does not reach into the REST layer. */
    public static ArchRule domainIndependentOfApi(String rootPackage) {
        return noClasses()
                .that()
                .resideInAPackage(rootPackage + ".domain..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(rootPackage + ".api..")
                .because("the REST API is one way in to the domain, not part of it");
    }

    /** Checks every rule above on the service under {@code rootPackage}. */
    public static void check(String rootPackage) {
        JavaClasses classes = mainClasses(rootPackage);
        noPackageCycles(rootPackage).check(classes);
        domainIndependentOfApi(rootPackage).allowEmptyShould(true).check(classes);
    }
}
