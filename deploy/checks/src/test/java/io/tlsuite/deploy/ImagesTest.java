package io.tlsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Image names and tags: one list (deploy/images.txt), used as is by Kubernetes and compose. */
class ImagesTest {
    private static final String VERSION = System.getProperty("tlsuite.version", "0.1.0-SNAPSHOT");

    private static List<String> images(RenderedOverlay overlay) {
        List<String> out = new ArrayList<>();
        for (RenderedOverlay.Workload w : overlay.workloads()) {
            var spec = w.template().getSpec();
            Stream.concat(
                            spec.getContainers().stream(),
                            spec.getInitContainers() == null
                                    ? Stream.empty()
                                    : spec.getInitContainers().stream())
                    .map(Container::getImage)
                    .forEach(out::add);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyImageOfTheOverlayIsInTheList(String overlay) {
        ImageList list = ImageList.read();
        assertThat(images(RenderedOverlay.of(overlay)))
                .isNotEmpty()
                .allSatisfy(
                        image ->
                                assertThat(list.usedIn(image, "k8s-" + overlay))
                                        .as(
                                                "%s (overlay %s) is listed in deploy/images.txt for"
                                                        + " Kubernetes",
                                                image, overlay)
                                        .isTrue());
    }

    @Test
    void everyImageListedForKubernetesIsUsed() {
        List<String> dev = images(RenderedOverlay.of("dev"));
        List<String> prod = images(RenderedOverlay.of("prod"));
        ImageList list = ImageList.read();
        list.images()
                .forEach(
                        (image, where) -> {
                            if (where.contains("k8s")) {
                                assertThat(dev).as("dev").contains(image);
                                assertThat(prod).as("prod").contains(image);
                            }
                            if (where.contains("k8s-dev")) {
                                assertThat(dev).as("dev").contains(image);
                            }
                        });
    }

    @Test
    void theSuiteServicesUseTheirOwnImageTaggedWithTheProjectVersion() {
        ImageList list = ImageList.read();
        for (String service : ImageList.SUITE_SERVICES) {
            String image = "tlsuite/" + service + ":" + VERSION;
            assertThat(list.images()).containsKey(image);
            assertThat(list.usedIn(image, "compose")).as(image + " for compose").isTrue();
            assertThat(list.usedIn(image, "k8s")).as(image + " for Kubernetes").isTrue();
        }
    }

    @Test
    void theComposeFileUsesTheListedImages() throws IOException {
        Path compose = DeployTree.root().resolve("compose/docker-compose.yml");
        assumeTrue(
                Files.exists(compose),
                "deploy/compose/docker-compose.yml does not exist in this tree (the compose"
                        + " deployment is built on its own branch), so compose images cannot be"
                        + " compared yet");
        String text = Files.readString(compose);
        JsonNode root = new YAMLMapper().readTree(text);
        Map<String, JsonNode> anchors = topLevelAnchors(text, root);
        JsonNode services = root.path("services");
        assertThat(services.isObject()).as("compose file has services").isTrue();
        ImageList list = ImageList.read();
        List<String> seen = new ArrayList<>();
        for (Map.Entry<String, JsonNode> s : services.properties()) {
            JsonNode image = imageOf(s.getValue(), anchors);
            if (image == null) {
                continue;
            }
            String ref = resolveDefaults(image.asString());
            seen.add(ref);
            if (ref.startsWith("tlsuite/")) {
                assertThat(list.usedIn(ref, "compose"))
                        .as("compose service %s uses %s, listed for compose", s.getKey(), ref)
                        .isTrue();
            } else {
                assertThat(list.images().keySet().stream().map(ImageList::repository))
                        .as("compose service %s uses %s", s.getKey(), ref)
                        .contains(ImageList.repository(ref));
            }
        }
        for (String service : ImageList.SUITE_SERVICES) {
            assertThat(seen)
                    .as("compose runs " + service)
                    .contains("tlsuite/" + service + ":" + VERSION);
        }
    }

    /**
     * The service's image, also when it comes from a YAML merge key ({@code <<: *template}).
     * Jackson reads an alias as the anchor's name, so top-level anchors ({@code x-name: &anchor})
     * are looked up in the file's text.
     */
    static JsonNode imageOf(JsonNode service, Map<String, JsonNode> anchors) {
        if (service == null) {
            return null;
        }
        if (service.hasNonNull("image")) {
            return service.get("image");
        }
        JsonNode merged = service.get("<<");
        if (merged == null) {
            return null;
        }
        List<JsonNode> sources = new ArrayList<>();
        if (merged.isArray()) {
            merged.forEach(sources::add);
        } else {
            sources.add(merged);
        }
        for (JsonNode m : sources) {
            JsonNode i = imageOf(m.isString() ? anchors.get(m.asString()) : m, anchors);
            if (i != null) {
                return i;
            }
        }
        return null;
    }

    static Map<String, JsonNode> topLevelAnchors(String text, JsonNode root) {
        Map<String, JsonNode> anchors = new java.util.HashMap<>();
        Matcher m = Pattern.compile("(?m)^([A-Za-z0-9_.-]+):\\s*&([A-Za-z0-9_.-]+)").matcher(text);
        while (m.find()) {
            anchors.put(m.group(2), root.get(m.group(1)));
        }
        return anchors;
    }

    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::?-([^}]*))?}");

    /** {@code ${X:-default}} -> default; {@code ${TLSUITE_TAG}} -> the project version. */
    static String resolveDefaults(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement =
                    m.group(2) != null
                            ? m.group(2)
                            : m.group(1).equals("TLSUITE_TAG") ? VERSION : null;
            if (replacement == null) {
                throw new AssertionError(
                        "compose image "
                                + value
                                + " needs ${"
                                + m.group(1)
                                + "} without a default");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        String resolved = out.toString();
        return resolved.contains("${") ? resolveDefaults(resolved) : resolved;
    }

    @Test
    void composeVariablesResolveToTheirDefaults() {
        assertThat(resolveDefaults("tlsuite/handshake-service:${TLSUITE_TAG}"))
                .isEqualTo("tlsuite/handshake-service:" + VERSION);
        assertThat(resolveDefaults("${KAFKA_IMAGE:-apache/kafka:4.1.1}"))
                .isEqualTo("apache/kafka:4.1.1");
        assertThat(resolveDefaults("tlsuite/x:${TLSUITE_TAG:-1.2}")).isEqualTo("tlsuite/x:1.2");
    }
}
