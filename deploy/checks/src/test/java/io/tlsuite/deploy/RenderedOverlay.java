package io.tlsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** One overlay as `kubectl kustomize` renders it, read strictly into the API types (cached). */
record RenderedOverlay(String name, String yaml, List<HasMetadata> objects) {

    static final List<String> OVERLAYS = List.of("dev", "prod");
    // Rendered once per overlay per test run; a failure is kept too, so it is reported, not redone.
    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    /** Renders (skipping the test when kubectl is absent) and reads every object strictly. */
    static RenderedOverlay of(String name) {
        ExternalTool.KUBECTL.assumeInstalled();
        Object result =
                CACHE.computeIfAbsent(
                        name,
                        n -> {
                            try {
                                return render(n);
                            } catch (AssertionError e) {
                                return e;
                            }
                        });
        if (result instanceof AssertionError e) {
            throw new AssertionError(e.getMessage(), e);
        }
        return (RenderedOverlay) result;
    }

    private static RenderedOverlay render(String name) {
        ExternalTool.Result r =
                ExternalTool.KUBECTL.run(
                        DeployTree.root(), "kustomize", DeployTree.overlay(name).toString());
        assertThat(r.exitCode()).as("kubectl kustomize %s:\n%s", name, r.output()).isZero();
        StrictKubernetesReader reader = StrictKubernetesReader.INSTANCE;
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : documents(r.output())) {
            try {
                objects.add(reader.read(document));
            } catch (IllegalArgumentException e) {
                throw new AssertionError("overlay " + name + ": " + e.getMessage(), e);
            }
        }
        return new RenderedOverlay(name, r.output(), List.copyOf(objects));
    }

    /** kubectl separates documents with a line "---". */
    static List<String> documents(String yaml) {
        return Stream.of(yaml.split("(?m)^---\\s*$")).filter(d -> !d.isBlank()).toList();
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> type, String objectName) {
        return all(type).stream()
                .filter(o -> o.getMetadata().getName().equals(objectName))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        name + ": no " + type.getSimpleName() + " " + objectName));
    }

    /** Deployments and StatefulSets, each with its pod template. */
    List<Workload> workloads() {
        List<Workload> out = new ArrayList<>();
        all(Deployment.class)
                .forEach(
                        d ->
                                out.add(
                                        new Workload(
                                                "Deployment/" + d.getMetadata().getName(),
                                                d.getSpec().getTemplate())));
        all(StatefulSet.class)
                .forEach(
                        s ->
                                out.add(
                                        new Workload(
                                                "StatefulSet/" + s.getMetadata().getName(),
                                                s.getSpec().getTemplate())));
        return out;
    }

    record Workload(String id, PodTemplateSpec template) {
        List<Container> containers() {
            return template.getSpec().getContainers();
        }
    }
}
