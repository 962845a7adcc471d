package io.tlsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rendered object is a valid Kubernetes object, read strictly into the API types. */
class ManifestTypesTest {
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectOfTheOverlayRendersAndReadsStrictly(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);

        Set<String> kinds =
                rendered.objects().stream().map(HasMetadata::getKind).collect(Collectors.toSet());
        assertThat(kinds)
                .contains(
                        "Namespace",
                        "Deployment",
                        "Service",
                        "ConfigMap",
                        "HorizontalPodAutoscaler",
                        "PodDisruptionBudget",
                        "NetworkPolicy");
        assertThat(RenderedOverlay.documents(rendered.yaml())).hasSize(rendered.objects().size());
        assertThat(rendered.objects())
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isIn("tlsuite", null));
    }

    @Test
    void devRunsTheInfrastructureAndProdDoesNot() {
        assertThat(names(RenderedOverlay.of("dev"), "StatefulSet"))
                .containsExactlyInAnyOrder("kafka", "postgres", "redis");
        assertThat(names(RenderedOverlay.of("prod"), "StatefulSet")).isEmpty();
        assertThat(names(RenderedOverlay.of("prod"), "Secret"))
                .as("prod Secrets are created out of band, never kept in the repository")
                .isEmpty();
    }

    @Test
    void prodRunsSeveralHandshakeReplicas() {
        Deployment prod = RenderedOverlay.of("prod").named(Deployment.class, "handshake-service");
        Deployment dev = RenderedOverlay.of("dev").named(Deployment.class, "handshake-service");
        assertThat(prod.getSpec().getReplicas()).isGreaterThanOrEqualTo(3);
        assertThat(dev.getSpec().getReplicas()).isEqualTo(1);
    }

    private static Set<String> names(RenderedOverlay o, String kind) {
        return o.objects().stream()
                .filter(x -> x.getKind().equals(kind))
                .map(x -> x.getMetadata().getName())
                .collect(Collectors.toSet());
    }

    // The reader itself: each of these is a mistake an API server would refuse or drop.

    private static final String DEPLOYMENT =
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: x
            spec:
              %s
              selector:
                matchLabels: {app: x}
              template:
                metadata:
                  labels: {app: x}
                spec:
                  containers:
                    - name: x
                      image: x
                      %s
            """;

    @Test
    void aValidObjectIsRead() {
        HasMetadata d =
                StrictKubernetesReader.INSTANCE.read(
                        DEPLOYMENT.formatted("replicas: 2", "imagePullPolicy: Always"));
        assertThat(((Deployment) d).getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void anUnknownFieldIsRefusedAtAnyDepth() {
        assertThatThrownBy(
                        () ->
                                StrictKubernetesReader.INSTANCE.read(
                                        DEPLOYMENT.formatted("replica: 2", "")))
                .hasMessageContaining("unknown fields")
                .hasMessageContaining("replica");
        assertThatThrownBy(
                        () ->
                                StrictKubernetesReader.INSTANCE.read(
                                        DEPLOYMENT.formatted("", "readinesProbe: {}")))
                .hasMessageContaining("containers[0]")
                .hasMessageContaining("readinesProbe");
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() {
        assertThatThrownBy(
                        () ->
                                StrictKubernetesReader.INSTANCE.read(
                                        DEPLOYMENT.formatted("replicas: many", "")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                StrictKubernetesReader.INSTANCE.read(
                                        DEPLOYMENT.formatted("replicas: \"3\"", "")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                StrictKubernetesReader.INSTANCE.read(
                                        DEPLOYMENT.formatted(
                                                "", "securityContext: {runAsNonRoot: \"yes\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                StrictKubernetesReader.INSTANCE.read(
                                        DEPLOYMENT.formatted("", "ports: {containerPort: 80}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownKindIsRefused() {
        assertThatThrownBy(
                        () ->
                                StrictKubernetesReader.INSTANCE.read(
                                        """
                                                apiVersion: apps/v1
                                                kind: Deploymnet
                                                metadata:
                                                  name: x
                                                """))
                .hasMessageContaining("unknown apiVersion/kind");
    }
}
