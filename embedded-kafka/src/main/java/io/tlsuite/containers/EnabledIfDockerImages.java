package io.tlsuite.containers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a container test only where a Docker engine answers and holds the images it names (the
 * suite's own, built by {@code scripts/build-images}: nothing can be pulled here); otherwise the
 * test is skipped with the reason. Evaluated before any extension starts (e.g. before Quarkus
 * starts for a {@code @QuarkusTest}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DockerImagesCondition.class)
public @interface EnabledIfDockerImages {

    /** Images (name:tag) that must be present; {@code ${version}} is the project's version. */
    String[] value() default {};
}
