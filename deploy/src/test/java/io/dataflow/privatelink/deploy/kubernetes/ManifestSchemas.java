package io.dataflow.privatelink.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks each rendered object against its schema, strictly: an unknown field is an error (the API server
 * would drop it without a word, and the setting would silently not apply).
 * <ul>
 *   <li>Kubernetes' own kinds are read into fabric8's typed models; whatever lands in a model's
 *       {@code additionalProperties} is a field the kind does not have.</li>
 *   <li>The operators' kinds (Strimzi, CloudNativePG, Gateway API, PrometheusRule) are validated against the
 *       openAPIV3Schema of their published CRDs, kept in deploy/kubernetes/schemas, with every object schema
 *       closed ({@code additionalProperties: false}) unless it preserves unknown fields on purpose.</li>
 * </ul>
 */
final class ManifestSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<?>> KUBERNETES_KINDS = Map.of(
            "v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class,
            "v1/Secret", io.fabric8.kubernetes.api.model.Secret.class,
            "v1/Service", io.fabric8.kubernetes.api.model.Service.class,
            "v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class,
            "apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class,
            "apps/v1/StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class,
            "batch/v1/Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class,
            "policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler",
            io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class);

    private final Path schemas;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09);

    ManifestSchemas(Path schemas) {
        this.schemas = schemas;
    }

    /** What is wrong with the object, one line each; empty when it is valid. */
    List<String> problems(JsonNode object) throws IOException {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        Class<?> model = KUBERNETES_KINDS.get(apiVersion + "/" + kind);
        if (model != null) {
            List<String> problems = new ArrayList<>();
            unknownFields(JSON.treeToValue(object, model), "", problems);
            return problems;
        }
        Path schemaFile = schemas.resolve(apiVersion.replace('/', '_') + "_" + kind + ".json");
        if (!Files.exists(schemaFile)) {
            return List.of("no schema for " + apiVersion + " " + kind + " (add its CRD's schema to " + schemas + ")");
        }
        Schema schema = registry.getSchema(JSON.writeValueAsString(closed(JSON.readTree(schemaFile.toFile()))));
        return schema.validate(JSON.writeValueAsString(object), InputFormat.JSON).stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage()).toList();
    }

    /** The schema with every object that lists its properties closed to others. */
    private static JsonNode closed(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("$comment");
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
            object.properties().forEach(entry -> closed(entry.getValue()));
        } else if (node != null && node.isArray()) {
            node.forEach(ManifestSchemas::closed);
        }
        return node;
    }

    /** Walks a fabric8 model and names every field that landed in an {@code additionalProperties} map. */
    private static void unknownFields(Object model, String path, List<String> problems) {
        if (model == null || !model.getClass().getName().startsWith("io.fabric8.")) {
            if (model instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    unknownFields(item, path + "[" + i++ + "]", problems);
                }
            } else if (model instanceof Map<?, ?> map) {
                map.forEach((key, value) -> unknownFields(value, path + "." + key, problems));
            }
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(model);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(field -> problems.add(path + "." + field + ": no such field"));
                }
            } else {
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                unknownFields(value, path + "." + field, problems);
            }
        }
    }
}
