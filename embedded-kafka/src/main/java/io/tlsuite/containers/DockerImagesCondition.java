package io.tlsuite.containers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The condition behind {@link EnabledIfDockerImages}: a container test runs in the normal test run
 * wherever a Docker engine answers and holds the images the test names, and is skipped with the
 * reason otherwise (no engine, an image not built), so {@code mvn verify} passes on any machine.
 */
public final class DockerImagesCondition implements ExecutionCondition {

    /**
     * The switch (system property, or the variable {@code TLSUITE_CONTAINER_TESTS}): {@code auto}
     * (the default) runs the container tests where they can run; {@code false} skips them all (e.g.
     * for a quick build on a machine that has an engine).
     */
    public static final String SWITCH = "tlsuite.container-tests";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<EnabledIfDockerImages> annotation =
                context.getElement()
                        .flatMap(
                                e ->
                                        AnnotationSupport.findAnnotation(
                                                e, EnabledIfDockerImages.class));
        if (annotation.isEmpty()) {
            return ConditionEvaluationResult.enabled("no container requirement");
        }
        String setting = System.getProperty(SWITCH, System.getenv("TLSUITE_CONTAINER_TESTS"));
        if (setting != null && setting.trim().toLowerCase(Locale.ROOT).equals("false")) {
            return ConditionEvaluationResult.disabled(
                    "container tests are turned off (" + SWITCH + "=false)");
        }
        DockerEngine engine = DockerEngine.local();
        Optional<String> unavailable = engine.unavailableReason();
        if (unavailable.isPresent()) {
            return ConditionEvaluationResult.disabled(unavailable.get());
        }
        List<String> missing = new ArrayList<>();
        for (String image : annotation.get().value()) {
            String name = ContainerImages.resolve(image);
            if (!engine.hasImage(name)) {
                missing.add(name);
            }
        }
        return missing.isEmpty()
                ? ConditionEvaluationResult.enabled(
                        "the Docker engine answers and holds the images")
                : ConditionEvaluationResult.disabled(
                        "the Docker engine lacks "
                                + missing
                                + " (build them with scripts/build-images; nothing can be pulled)");
    }
}
