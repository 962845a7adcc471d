package io.tlsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The handshake service scales out: autoscaler, disruption budget, spread, its own TLS Service. */
class ScaleOutTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theAutoscalerAndTheBudgetTargetTheHandshakePods(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        Deployment hs = o.named(Deployment.class, "handshake-service");
        Map<String, String> podLabels = hs.getSpec().getTemplate().getMetadata().getLabels();

        HorizontalPodAutoscaler hpa = o.named(HorizontalPodAutoscaler.class, "handshake-service");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("handshake-service");
        assertThat(hpa.getSpec().getMinReplicas())
                .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
        assertThat(hpa.getSpec().getMinReplicas()).isLessThanOrEqualTo(hs.getSpec().getReplicas());
        // CPU utilisation is relative to the request: without one the autoscaler cannot act.
        assertThat(
                        hs.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getResources()
                                .getRequests())
                .containsKey("cpu");

        PodDisruptionBudget pdb = o.named(PodDisruptionBudget.class, "handshake-service");
        assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(hs.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                .anySatisfy(
                        t -> assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
    }

    @Test
    void prodKeepsTwoHandshakeReplicasThroughDisruptionsAndSpreadsThemStrictly() {
        RenderedOverlay o = RenderedOverlay.of("prod");
        PodDisruptionBudget pdb = o.named(PodDisruptionBudget.class, "handshake-service");
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(2);
        assertThat(pdb.getSpec().getMaxUnavailable()).isNull();
        assertThat(
                        o.named(HorizontalPodAutoscaler.class, "handshake-service")
                                .getSpec()
                                .getMinReplicas())
                .isGreaterThanOrEqualTo(3);
        assertThat(
                        o.named(Deployment.class, "handshake-service")
                                .getSpec()
                                .getTemplate()
                                .getSpec()
                                .getTopologySpreadConstraints())
                .anySatisfy(
                        t -> {
                            assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                            assertThat(t.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
                        });
        assertThat(o.named(Service.class, "handshake-service-tls").getSpec().getType())
                .isEqualTo("LoadBalancer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theTlsPortHasAServiceOfItsOwn(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        Service tls = o.named(Service.class, "handshake-service-tls");
        Deployment hs = o.named(Deployment.class, "handshake-service");
        assertThat(tls.getSpec().getPorts())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.getPort()).isEqualTo(8443);
                            assertThat(p.getTargetPort().getStrVal()).isEqualTo("tls");
                        });
        assertThat(hs.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
                .anySatisfy(
                        p -> {
                            assertThat(p.getName()).isEqualTo("tls");
                            assertThat(p.getContainerPort()).isEqualTo(8443);
                        });
        assertThat(hs.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(tls.getSpec().getSelector());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceSelectsPodsAndNamedPortsExist(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        for (Service s : o.all(Service.class)) {
            var matching =
                    o.workloads().stream()
                            .filter(
                                    w ->
                                            w.template()
                                                    .getMetadata()
                                                    .getLabels()
                                                    .entrySet()
                                                    .containsAll(
                                                            s.getSpec().getSelector().entrySet()))
                            .toList();
            assertThat(matching)
                    .as("Service " + s.getMetadata().getName() + " selects pods")
                    .isNotEmpty();
            for (var port : s.getSpec().getPorts()) {
                if (port.getTargetPort() != null && port.getTargetPort().getStrVal() != null) {
                    assertThat(matching.get(0).containers().get(0).getPorts())
                            .as(
                                    s.getMetadata().getName()
                                            + " target port "
                                            + port.getTargetPort().getStrVal())
                            .anySatisfy(
                                    p ->
                                            assertThat(p.getName())
                                                    .isEqualTo(port.getTargetPort().getStrVal()));
                }
            }
        }
    }
}
