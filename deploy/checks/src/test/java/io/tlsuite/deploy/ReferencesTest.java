package io.tlsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every ConfigMap, Secret and claim a pod names exists: rendered in dev; in prod, Secrets are made
 * out of band, so each one a pod needs must be in deploy/README.md's `kubectl create secret` steps.
 */
class ReferencesTest {

    record Refs(Set<String> configMaps, Set<String> secrets, Set<String> claims) {}

    static Refs referencesOf(RenderedOverlay o) {
        Set<String> cms = new TreeSet<>(), secrets = new TreeSet<>(), claims = new TreeSet<>();
        for (RenderedOverlay.Workload w : o.workloads()) {
            for (Container c : w.containers()) {
                if (c.getEnvFrom() != null) {
                    for (EnvFromSource f : c.getEnvFrom()) {
                        if (f.getConfigMapRef() != null) cms.add(f.getConfigMapRef().getName());
                        if (f.getSecretRef() != null) secrets.add(f.getSecretRef().getName());
                    }
                }
                if (c.getEnv() != null) {
                    for (EnvVar e : c.getEnv()) {
                        if (e.getValueFrom() == null) continue;
                        if (e.getValueFrom().getConfigMapKeyRef() != null)
                            cms.add(e.getValueFrom().getConfigMapKeyRef().getName());
                        if (e.getValueFrom().getSecretKeyRef() != null)
                            secrets.add(e.getValueFrom().getSecretKeyRef().getName());
                    }
                }
            }
            if (w.template().getSpec().getVolumes() != null) {
                for (Volume v : w.template().getSpec().getVolumes()) {
                    if (v.getSecret() != null) secrets.add(v.getSecret().getSecretName());
                    if (v.getConfigMap() != null) cms.add(v.getConfigMap().getName());
                    if (v.getPersistentVolumeClaim() != null)
                        claims.add(v.getPersistentVolumeClaim().getClaimName());
                }
            }
        }
        return new Refs(cms, secrets, claims);
    }

    private static Set<String> names(
            RenderedOverlay o, Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> type) {
        return o.all(type).stream().map(x -> x.getMetadata().getName()).collect(Collectors.toSet());
    }

    @Test
    void devRendersEverythingItsPodsName() {
        RenderedOverlay dev = RenderedOverlay.of("dev");
        Refs refs = referencesOf(dev);
        assertThat(names(dev, ConfigMap.class)).containsAll(refs.configMaps());
        assertThat(names(dev, Secret.class)).containsAll(refs.secrets());
        assertThat(names(dev, PersistentVolumeClaim.class)).containsAll(refs.claims());
        assertThat(refs.secrets()).isNotEmpty();
    }

    @Test
    void prodRendersItsConfigMapsAndTheReadmeSaysHowToCreateEachSecret() throws IOException {
        RenderedOverlay prod = RenderedOverlay.of("prod");
        Refs refs = referencesOf(prod);
        assertThat(names(prod, ConfigMap.class)).containsAll(refs.configMaps());
        assertThat(refs.claims()).as("prod keeps the CA keys in a Secret, no claim").isEmpty();
        String readme = Files.readString(DeployTree.root().resolve("README.md"));
        assertThat(refs.secrets())
                .containsExactlyInAnyOrder(
                        "tlsuite-ca",
                        "tlsuite-ca-keys",
                        "tlsuite-session-store",
                        "tlsuite-handshake",
                        "tlsuite-kafka",
                        "tlsuite-postgres",
                        "tlsuite-redis");
        for (String secret : refs.secrets()) {
            assertThat(readme)
                    .as("deploy/README.md creates Secret " + secret)
                    .containsPattern("kubectl -n tlsuite create secret generic " + secret + "\\b");
        }
    }
}
