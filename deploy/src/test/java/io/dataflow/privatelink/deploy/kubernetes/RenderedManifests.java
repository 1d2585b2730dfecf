package io.dataflow.privatelink.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** An overlay of deploy/kubernetes rendered by kustomize itself ({@code kubectl kustomize}), object by object. */
record RenderedManifests(String overlay, List<JsonNode> objects) {

    static final ObjectMapper YAML = new YAMLMapper();

    static RenderedManifests render(Path kubernetesDir, String overlay) throws IOException, InterruptedException {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", kubernetesDir.resolve("overlays").resolve(overlay).toString())
                    .redirectErrorStream(false).start();
        } catch (IOException missing) {
            throw new IllegalStateException("kubectl is needed to render the manifests (kustomize v5, kubectl 1.27 or"
                    + " later): install it, e.g. from your distribution or the Kubernetes release page", missing);
        }
        byte[] out = kubectl.getInputStream().readAllBytes();
        String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + overlay + " failed:\n" + err);
        }
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(out)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    objects.add(node);
                }
            });
        }
        return new RenderedManifests(overlay, objects);
    }

    Stream<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst();
    }

    /** The pod templates of the workloads (Deployments, StatefulSets, Jobs), each with its workload's name. */
    Stream<JsonNode> workloads() {
        return objects.stream().filter(o -> List.of("Deployment", "StatefulSet", "Job").contains(o.path("kind").asText()));
    }

    static String name(JsonNode object) {
        return object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
    }
}
