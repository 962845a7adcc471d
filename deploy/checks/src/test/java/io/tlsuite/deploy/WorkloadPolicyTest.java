package io.tlsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every workload must have: probes, sized resources, a restricted security context. */
class WorkloadPolicyTest {
    /** Workloads whose image must write to its root file system (said why in the manifest). */
    private static final Set<String> WRITABLE_ROOT = Set.of("StatefulSet/kafka");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasProbesRequestsAndLimits(String overlay) {
        for (RenderedOverlay.Workload w : RenderedOverlay.of(overlay).workloads()) {
            for (Container c : w.containers()) {
                String id = overlay + " " + w.id() + "/" + c.getName();
                assertThat(c.getReadinessProbe()).as(id + " readiness").isNotNull();
                assertThat(c.getLivenessProbe()).as(id + " liveness").isNotNull();
                assertThat(c.getStartupProbe()).as(id + " startup").isNotNull();
                assertThat(c.getResources().getRequests())
                        .as(id + " requests")
                        .containsKeys("cpu", "memory");
                assertThat(c.getResources().getLimits())
                        .as(id + " limits")
                        .containsKeys("cpu", "memory");
                assertThat(bytes(c.getResources().getLimits().get("memory")))
                        .as(id + " memory limit >= request")
                        .isGreaterThanOrEqualTo(
                                bytes(c.getResources().getRequests().get("memory")));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerRunsRestricted(String overlay) {
        for (RenderedOverlay.Workload w : RenderedOverlay.of(overlay).workloads()) {
            PodSecurityContext pod = w.template().getSpec().getSecurityContext();
            assertThat(pod).as(w.id() + " pod securityContext").isNotNull();
            assertThat(pod.getSeccompProfile().getType())
                    .as(w.id() + " seccomp")
                    .isEqualTo("RuntimeDefault");
            assertThat(w.template().getSpec().getAutomountServiceAccountToken())
                    .as(w.id() + " needs no API token")
                    .isFalse();
            for (Container c : w.containers()) {
                String id = overlay + " " + w.id() + "/" + c.getName();
                SecurityContext sc = c.getSecurityContext();
                assertThat(sc).as(id + " securityContext").isNotNull();
                Boolean nonRoot =
                        sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : pod.getRunAsNonRoot();
                assertThat(nonRoot).as(id + " runAsNonRoot").isTrue();
                assertThat(sc.getAllowPrivilegeEscalation())
                        .as(id + " allowPrivilegeEscalation")
                        .isFalse();
                assertThat(sc.getPrivileged()).as(id + " privileged").isNotEqualTo(Boolean.TRUE);
                assertThat(sc.getCapabilities().getDrop()).as(id + " drops").contains("ALL");
                assertThat(sc.getCapabilities().getAdd())
                        .as(id + " adds no capability")
                        .isNullOrEmpty();
                if (!WRITABLE_ROOT.contains(w.id())) {
                    assertThat(sc.getReadOnlyRootFilesystem()).as(id + " read-only root").isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theSuiteServicesProbeQuarkusHealthAndWriteOnlyToTmp(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        for (String service : ImageList.SUITE_SERVICES) {
            Deployment d = o.named(Deployment.class, service);
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(path(c.getReadinessProbe())).as(service).isEqualTo("/q/health/ready");
            assertThat(path(c.getLivenessProbe())).as(service).isEqualTo("/q/health/live");
            assertThat(path(c.getStartupProbe())).as(service).isEqualTo("/q/health/started");
            assertThat(c.getVolumeMounts())
                    .as(service + " has a writable /tmp")
                    .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
            Volume tmp =
                    d.getSpec().getTemplate().getSpec().getVolumes().stream()
                            .filter(v -> v.getName().equals("tmp"))
                            .findFirst()
                            .orElseThrow();
            assertThat(tmp.getEmptyDir()).as(service + " /tmp is an emptyDir").isNotNull();
            assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
                    .as(service + " is scraped")
                    .containsEntry("prometheus.io/path", "/q/metrics");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void shutdownDrainsBeforeTheGracePeriodEnds(String overlay) {
        RenderedOverlay o = RenderedOverlay.of(overlay);
        ConfigMap endpoints = o.named(ConfigMap.class, "tlsuite-endpoints");
        long quarkusShutdown =
                Duration.parse(
                                "PT"
                                        + endpoints
                                                .getData()
                                                .get("QUARKUS_SHUTDOWN_TIMEOUT")
                                                .toUpperCase())
                        .toSeconds();
        for (String service : ImageList.SUITE_SERVICES) {
            var pod = o.named(Deployment.class, service).getSpec().getTemplate().getSpec();
            Container c = pod.getContainers().get(0);
            assertThat(c.getLifecycle().getPreStop()).as(service + " preStop").isNotNull();
            long preStop = c.getLifecycle().getPreStop().getSleep().getSeconds();
            assertThat(pod.getTerminationGracePeriodSeconds())
                    .as(service + ": grace > preStop + Quarkus shutdown timeout")
                    .isGreaterThan(preStop + quarkusShutdown);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void memoryIsSizedFromTheMeasuredRss(String overlay) throws IOException {
        Properties rss = new Properties();
        try (Reader r =
                Files.newBufferedReader(DeployTree.root().resolve("k8s/measured-rss.properties"))) {
            rss.load(r);
        }
        RenderedOverlay o = RenderedOverlay.of(overlay);
        for (RenderedOverlay.Workload w : o.workloads()) {
            String name = w.id().substring(w.id().indexOf('/') + 1);
            String measured = rss.getProperty(name);
            if (measured == null) {
                assertThat(ImageList.SUITE_SERVICES)
                        .as(name + " has a measured RSS")
                        .doesNotContain(name);
                continue;
            }
            BigDecimal mib = BigDecimal.valueOf(1024L * 1024L);
            BigDecimal rssBytes = new BigDecimal(measured).multiply(mib);
            Container c = w.containers().get(0);
            assertThat(bytes(c.getResources().getRequests().get("memory")))
                    .as(w.id() + " request >= measured RSS")
                    .isGreaterThanOrEqualTo(rssBytes);
            assertThat(bytes(c.getResources().getLimits().get("memory")))
                    .as(w.id() + " limit >= 1.5 x measured RSS")
                    .isGreaterThanOrEqualTo(rssBytes.multiply(new BigDecimal("1.5")));
        }
    }

    private static String path(Probe p) {
        return p.getHttpGet() == null ? null : p.getHttpGet().getPath();
    }

    private static BigDecimal bytes(Quantity q) {
        return Quantity.getAmountInBytes(q);
    }
}
