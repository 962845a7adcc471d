package io.tlsuite.containers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** The condition behind {@link EnabledIfDockerImages}. */
public final class DockerImagesCondition implements ExecutionCondition {

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
