package io.tlsuite.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads one manifest into the Kubernetes API types of fabric8's kubernetes-model, and refuses what
 * an API server would refuse (or silently drop): a kind it does not know, a field that does not
 * exist (fabric8 keeps those in {@code additionalProperties}, at any depth), a value of the wrong
 * type (Jackson throws), and a value that Jackson would quietly coerce ("3" into an int, "yes" into
 * a boolean), which the API server's strict decoding refuses: the typed object is written back and
 * every input value must come back with its JSON type, and every input field must come back at all.
 */
final class StrictKubernetesReader {
    /** Finding the model classes scans the class path: one reader serves every test. */
    static final StrictKubernetesReader INSTANCE = new StrictKubernetesReader();

    private final KubernetesSerialization serialization =
            new KubernetesSerialization(JsonMapper.builder().build(), true);
    private final YAMLMapper yamlMapper = new YAMLMapper();

    private StrictKubernetesReader() {}

    /**
     * The typed object, or an {@link IllegalArgumentException} that says what is wrong and where.
     */
    HasMetadata read(String yaml) {
        Object parsed;
        try {
            parsed = serialization.unmarshal(yaml);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "does not match the API types: " + e.getMessage(), e);
        }
        if (!(parsed instanceof HasMetadata object)
                || parsed instanceof GenericKubernetesResource) {
            throw new IllegalArgumentException(
                    "unknown apiVersion/kind (not a built-in Kubernetes type): "
                            + firstLines(yaml));
        }
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(object, object.getKind(), unknown);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown fields: " + String.join(", ", unknown));
        }
        List<String> changed = new ArrayList<>();
        JsonNode written = yamlMapper.readTree(serialization.asJson(object));
        compare(yamlMapper.readTree(yaml), written, object.getKind(), changed);
        if (!changed.isEmpty()) {
            throw new IllegalArgumentException("wrong types: " + String.join(", ", changed));
        }
        return object;
    }

    /** Every value of {@code in} comes back in {@code out} with the same JSON type. */
    private static void compare(JsonNode in, JsonNode out, String path, List<String> problems) {
        if (in == null || in.isNull()) {
            return;
        }
        if (out == null || out.isMissingNode() || out.isNull()) {
            problems.add(path + " was dropped");
        } else if (in.isObject()) {
            if (!out.isObject()) {
                problems.add(path + " is an object, read as " + out.getNodeType());
                return;
            }
            for (var field : in.properties()) {
                compare(
                        field.getValue(),
                        out.get(field.getKey()),
                        path + "." + field.getKey(),
                        problems);
            }
        } else if (in.isArray()) {
            if (!out.isArray() || out.size() != in.size()) {
                problems.add(
                        path + " is a list of " + in.size() + ", read as " + out.getNodeType());
                return;
            }
            for (int i = 0; i < in.size(); i++) {
                compare(in.get(i), out.get(i), path + "[" + i + "]", problems);
            }
        } else if (in.isNumber()) {
            // a quantity (cpu: 1) is written back as the string "1"
            boolean same =
                    out.isNumber() || (out.isString() && out.asString().equals(in.asString()));
            if (!same) {
                problems.add(path + " = " + in + " (a number) read as " + out.getNodeType());
            }
        } else if (in.getNodeType() != out.getNodeType()) {
            problems.add(
                    path
                            + " = "
                            + in
                            + " ("
                            + in.getNodeType()
                            + ") read as "
                            + out.getNodeType()
                            + " "
                            + out);
        }
    }

    private static String firstLines(String yaml) {
        String[] lines = yaml.strip().split("\n");
        return String.join(" | ", List.of(lines).subList(0, Math.min(3, lines.length)));
    }

    /** Walks every getter of every model object below {@code node}, collecting extra fields. */
    private static void collectUnknownFields(Object node, String path, List<String> out) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                collectUnknownFields(e.getValue(), path + "[" + e.getKey() + "]", out);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : node.getClass().getMethods()) {
            if (m.getParameterCount() != 0
                    || Modifier.isStatic(m.getModifiers())
                    || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    out.add(path + " " + extra.keySet());
                }
                continue;
            }
            String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            collectUnknownFields(value, path + "." + field, out);
        }
    }
}
