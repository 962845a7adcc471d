package io.tlsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may reach whom: default deny, the session store only from the handshake service. */
class NetworkPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void ingressIsDeniedUnlessAllowed(String overlay) {
        NetworkPolicy deny =
                RenderedOverlay.of(overlay).named(NetworkPolicy.class, "default-deny-ingress");
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheHandshakeServiceAndPrometheusReachTheSessionStore(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        List<NetworkPolicy> forStore =
                o.all(NetworkPolicy.class).stream()
                        .filter(p -> selects(p, Map.of("app.kubernetes.io/name", "session-store")))
                        .filter(
                                p ->
                                        p.getSpec().getIngress() != null
                                                && !p.getSpec().getIngress().isEmpty())
                        .toList();
        assertThat(forStore).hasSize(1);
        var rules = forStore.get(0).getSpec().getIngress();
        assertThat(rules)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getPorts())
                                    .singleElement()
                                    .satisfies(
                                            p ->
                                                    assertThat(p.getPort().getIntVal())
                                                            .isEqualTo(8083));
                            List<NetworkPolicyPeer> from = r.getFrom();
                            assertThat(from).hasSize(2);
                            assertThat(from.get(0).getNamespaceSelector()).isNull();
                            assertThat(from.get(0).getPodSelector().getMatchLabels())
                                    .containsExactly(
                                            Map.entry(
                                                    "app.kubernetes.io/name", "handshake-service"));
                            assertThat(from.get(1).getNamespaceSelector().getMatchLabels())
                                    .containsExactly(
                                            Map.entry("kubernetes.io/metadata.name", "monitoring"));
                            assertThat(from.get(1).getPodSelector().getMatchLabels())
                                    .containsExactly(
                                            Map.entry("app.kubernetes.io/name", "prometheus"));
                        });
        // and no other pod of the suite carries the handshake service's name label
        long named =
                o.workloads().stream()
                        .filter(
                                w ->
                                        "handshake-service"
                                                .equals(
                                                        w.template()
                                                                .getMetadata()
                                                                .getLabels()
                                                                .get("app.kubernetes.io/name")))
                        .count();
        assertThat(named).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPolicySelectsPodsThatExist(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        for (NetworkPolicy p : o.all(NetworkPolicy.class)) {
            Map<String, String> sel = p.getSpec().getPodSelector().getMatchLabels();
            if (sel == null || sel.isEmpty()) {
                continue;
            }
            assertThat(o.workloads())
                    .as("NetworkPolicy " + p.getMetadata().getName() + " selects a pod")
                    .anySatisfy(
                            w ->
                                    assertThat(w.template().getMetadata().getLabels())
                                            .containsAllEntriesOf(sel));
            for (var rule : p.getSpec().getIngress()) {
                if (rule.getFrom() == null) {
                    continue;
                }
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    if (peer.getNamespaceSelector() == null && peer.getPodSelector() != null) {
                        Map<String, String> from = peer.getPodSelector().getMatchLabels();
                        assertThat(o.workloads())
                                .as(
                                        p.getMetadata().getName()
                                                + " admits pods "
                                                + from
                                                + " that exist")
                                .anySatisfy(
                                        w ->
                                                assertThat(w.template().getMetadata().getLabels())
                                                        .containsAllEntriesOf(from));
                    }
                }
            }
        }
    }

    @Test
    void devInfrastructureAnswersOnlyItsClients() {
        RenderedOverlay dev = RenderedOverlay.of("dev");
        assertThat(clientsOf(dev, "kafka-ingress"))
                .containsEntry("tlsuite.io/kafka-client", "true");
        assertThat(clientsOf(dev, "postgres-ingress"))
                .containsEntry("tlsuite.io/postgres-client", "true");
        assertThat(clientsOf(dev, "redis-ingress"))
                .containsEntry("tlsuite.io/redis-client", "true");
        assertThat(podsLabelled(dev, "tlsuite.io/postgres-client"))
                .containsExactly("certificate-authority");
        assertThat(podsLabelled(dev, "tlsuite.io/redis-client")).containsExactly("session-store");
        assertThat(podsLabelled(dev, "tlsuite.io/kafka-client"))
                .containsExactlyInAnyOrderElementsOf(ImageList.SUITE_SERVICES);
    }

    private static Map<String, String> clientsOf(RenderedOverlay o, String policy) {
        return o.named(NetworkPolicy.class, policy)
                .getSpec()
                .getIngress()
                .get(0)
                .getFrom()
                .get(0)
                .getPodSelector()
                .getMatchLabels();
    }

    private static List<String> podsLabelled(RenderedOverlay o, String label) {
        return o.workloads().stream()
                .filter(w -> "true".equals(w.template().getMetadata().getLabels().get(label)))
                .map(w -> w.template().getMetadata().getLabels().get("app.kubernetes.io/name"))
                .toList();
    }

    private static boolean selects(NetworkPolicy p, Map<String, String> podLabels) {
        Map<String, String> sel = p.getSpec().getPodSelector().getMatchLabels();
        return sel != null && !sel.isEmpty() && podLabels.entrySet().containsAll(sel.entrySet());
    }
}
