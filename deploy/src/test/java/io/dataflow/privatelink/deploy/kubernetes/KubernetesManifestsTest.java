package io.dataflow.privatelink.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/kubernetes as kustomize renders it, for each overlay: every object valid against its schema, and
 * every name one object gives another pointing at something that exists (Secrets, ConfigMaps and their keys,
 * ServiceAccounts, ports, topics, roles, databases, metric series).
 */
class KubernetesManifestsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    static final List<String> SERVICES = List.of("connection-service", "domain-service", "provider-worker-aws",
            "provider-worker-alicloud");
    /** Secrets the operators write: each KafkaUser's (its name) and the Kafka cluster CA's. */
    static final String KAFKA_CA = "plc-kafka-cluster-ca-cert";

    static Set<String> exampleSecrets;

    @BeforeAll
    static void readExampleSecrets() throws IOException {
        exampleSecrets = new HashSet<>();
        try (var parser = new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()
                .createParser(KUBERNETES.resolve("examples/secrets.yaml").toFile())) {
            RenderedManifests.YAML.readValues(parser, JsonNode.class).forEachRemaining(secret -> {
                assertEquals("Secret", secret.path("kind").asText());
                secret.path("stringData").forEach(value -> assertTrue(value.asText().startsWith("<generate")
                        || !value.asText().isBlank(), "an example, never a value"));
                exampleSecrets.add(secret.path("metadata").path("name").asText());
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "production"})
    void everyObjectIsValidAgainstItsSchema(String overlay) throws Exception {
        RenderedManifests rendered = RenderedManifests.render(KUBERNETES, overlay);
        ManifestSchemas schemas = new ManifestSchemas(KUBERNETES.resolve("schemas"));
        List<String> problems = new ArrayList<>();
        for (JsonNode object : rendered.objects()) {
            schemas.problems(object).forEach(p -> problems.add(RenderedManifests.name(object) + " " + p));
        }
        assertEquals(List.of(), problems);
        assertTrue(rendered.objects().size() > 40, "the whole system: " + rendered.objects().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "production"})
    void everyWorkloadFindsItsSecretsConfigMapsServiceAccountAndPorts(String overlay) throws Exception {
        RenderedManifests rendered = RenderedManifests.render(KUBERNETES, overlay);
        Set<String> secrets = new HashSet<>(exampleSecrets);
        secrets.add(KAFKA_CA);
        rendered.ofKind("KafkaUser").forEach(user -> secrets.add(user.path("metadata").path("name").asText()));
        Map<String, JsonNode> configMaps = rendered.ofKind("ConfigMap")
                .collect(Collectors.toMap(c -> c.path("metadata").path("name").asText(), c -> c.path("data")));
        Set<String> accounts = rendered.ofKind("ServiceAccount").map(a -> a.path("metadata").path("name").asText())
                .collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        rendered.workloads().forEach(workload -> {
            String where = RenderedManifests.name(workload);
            JsonNode pod = workload.path("spec").path("template").path("spec");
            if (!accounts.contains(pod.path("serviceAccountName").asText())) {
                problems.add(where + ": no ServiceAccount " + pod.path("serviceAccountName").asText());
            }
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.has("secret") && !secrets.contains(volume.path("secret").path("secretName").asText())) {
                    problems.add(where + ": no Secret " + volume.path("secret").path("secretName").asText());
                }
                if (volume.has("configMap") && !configMaps.containsKey(volume.path("configMap").path("name").asText())) {
                    problems.add(where + ": no ConfigMap " + volume.path("configMap").path("name").asText());
                }
            }
            for (JsonNode container : pod.path("containers")) {
                Set<String> ports = new HashSet<>();
                container.path("ports").forEach(p -> ports.add(p.path("name").asText()));
                for (JsonNode env : container.path("env")) {
                    JsonNode secretRef = env.path("valueFrom").path("secretKeyRef");
                    if (!secretRef.isMissingNode() && !secrets.contains(secretRef.path("name").asText())) {
                        problems.add(where + " " + env.path("name").asText() + ": no Secret " + secretRef.path("name").asText());
                    }
                    JsonNode configRef = env.path("valueFrom").path("configMapKeyRef");
                    if (!configRef.isMissingNode()) {
                        JsonNode data = configMaps.get(configRef.path("name").asText());
                        if (data == null || !data.has(configRef.path("key").asText())) {
                            problems.add(where + " " + env.path("name").asText() + ": no key " + configRef.path("key").asText()
                                    + " in ConfigMap " + configRef.path("name").asText());
                        }
                    }
                }
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    JsonNode port = container.path(probe).path("httpGet").path("port");
                    if (!port.isMissingNode() && !ports.contains(port.asText())) {
                        problems.add(where + " " + probe + ": no port " + port.asText());
                    }
                }
                if (!workload.path("kind").asText().equals("Job")
                        && (container.path("readinessProbe").isMissingNode() || container.path("livenessProbe").isMissingNode())) {
                    problems.add(where + ": readiness and liveness probes are required");
                }
            }
        });
        rendered.ofKind("Service").forEach(service -> {
            String app = service.path("spec").path("selector").path("app.kubernetes.io/name").asText();
            JsonNode workload = rendered.workloads().filter(w -> !w.path("kind").asText().equals("Job"))
                    .filter(w -> app.equals(w.path("spec").path("template").path("metadata").path("labels")
                            .path("app.kubernetes.io/name").asText())).findFirst().orElse(null);
            if (workload == null) {
                problems.add(RenderedManifests.name(service) + ": selects no workload");
                return;
            }
            Set<String> ports = new HashSet<>();
            workload.path("spec").path("template").path("spec").path("containers")
                    .forEach(c -> c.path("ports").forEach(p -> ports.add(p.path("name").asText())));
            service.path("spec").path("ports").forEach(p -> {
                if (!ports.contains(p.path("targetPort").asText())) {
                    problems.add(RenderedManifests.name(service) + ": no container port " + p.path("targetPort").asText());
                }
            });
        });
        rendered.ofKind("HTTPRoute").forEach(route -> route.path("spec").path("rules").forEach(rule ->
                rule.path("backendRefs").forEach(backend -> {
                    JsonNode service = rendered.find("Service", backend.path("name").asText()).orElse(null);
                    boolean hasPort = service != null && Stream.of(service.path("spec").path("ports"))
                            .flatMap(ports -> java.util.stream.StreamSupport.stream(ports.spliterator(), false))
                            .anyMatch(p -> p.path("port").asInt() == backend.path("port").asInt());
                    if (!hasPort) {
                        problems.add(RenderedManifests.name(route) + ": no Service " + backend.path("name").asText()
                                + " on port " + backend.path("port").asInt());
                    }
                })));
        rendered.ofKind("HorizontalPodAutoscaler").forEach(hpa -> {
            JsonNode target = hpa.path("spec").path("scaleTargetRef");
            if (rendered.find(target.path("kind").asText(), target.path("name").asText()).isEmpty()) {
                problems.add(RenderedManifests.name(hpa) + ": scales nothing");
            }
        });
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "production"})
    void everyTopicAServiceUsesHasAKafkaTopicAndTheServiceMayUseIt(String overlay) throws Exception {
        RenderedManifests rendered = RenderedManifests.render(KUBERNETES, overlay);
        Set<String> topics = rendered.ofKind("KafkaTopic").map(t -> t.path("spec").path("topicName").asText())
                .collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (String service : SERVICES) {
            Properties properties = serviceProperties(service);
            String consumer = properties.getProperty("quarkus.application.name");
            Set<String> used = new TreeSet<>(list(properties, "plc.kafka.topics"));
            list(properties, "plc.kafka.consumed-topics").forEach(t -> used.add(t + "." + consumer + ".dlq"));
            if (used.isEmpty()) {
                problems.add(service + ": no topics in its configuration (where did plc.kafka.topics go?)");
            }
            JsonNode user = rendered.find("KafkaUser", service).orElse(null);
            if (user == null) {
                problems.add(service + ": no KafkaUser");
                continue;
            }
            Set<String> allowed = new HashSet<>();
            user.path("spec").path("authorization").path("acls").forEach(acl -> allowed.add(acl.path("resource").path("name").asText()));
            for (String topic : used) {
                if (!topics.contains(topic)) {
                    problems.add(service + " uses " + topic + ", which has no KafkaTopic");
                }
                if (!allowed.contains(topic)) {
                    problems.add(service + " uses " + topic + ", which its KafkaUser may not");
                }
            }
            for (String compacted : list(properties, "plc.kafka.compacted-topics")) {
                String policy = rendered.ofKind("KafkaTopic").filter(t -> compacted.equals(t.path("spec").path("topicName").asText()))
                        .map(t -> t.path("spec").path("config").path("cleanup.policy").asText()).findFirst().orElse("");
                if (!policy.equals("compact")) {
                    problems.add(compacted + " must be compacted: " + service + " reads it as the latest per key");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "production"})
    void eachServiceHasItsDatabaseItsTwoRolesAndItsMigrationJob(String overlay) throws Exception {
        RenderedManifests rendered = RenderedManifests.render(KUBERNETES, overlay);
        JsonNode cluster = rendered.find("Cluster", "plc-postgres").orElseThrow();
        Set<String> roles = new HashSet<>();
        cluster.path("spec").path("managed").path("roles").forEach(role -> roles.add(role.path("name").asText()));
        List<String> problems = new ArrayList<>();
        for (String service : SERVICES) {
            String database = service.replace('-', '_');
            JsonNode db = rendered.find("Database", service).orElse(null);
            if (db == null || !database.equals(db.path("spec").path("name").asText())
                    || !roles.contains(db.path("spec").path("owner").asText())) {
                problems.add(service + ": no database " + database + " owned by a managed role");
            }
            if (!roles.contains(database + "_app")) {
                problems.add(service + ": no role " + database + "_app to run as");
            }
            JsonNode job = rendered.find("Job", service + "-migrate").orElse(null);
            if (job == null || !env(job, "QUARKUS_DATASOURCE_USERNAME").path("valueFrom").path("secretKeyRef")
                    .path("name").asText().endsWith("-owner")) {
                problems.add(service + ": no migration Job running as the owner");
            }
            JsonNode workload = rendered.workloads().filter(w -> service.equals(w.path("metadata").path("name").asText()))
                    .findFirst().orElseThrow();
            if (!env(workload, "QUARKUS_DATASOURCE_USERNAME").path("valueFrom").path("secretKeyRef").path("name").asText()
                    .endsWith("-app") || !"false".equals(env(workload, "QUARKUS_FLYWAY_MIGRATE_AT_START").path("value").asText())) {
                problems.add(service + ": must run as its _app role and leave migrations to the Job");
            }
            if (!env(workload, "QUARKUS_DATASOURCE_REACTIVE_URL").path("value").asText().endsWith("/" + database)) {
                problems.add(service + ": not pointed at its database " + database);
            }
            if (!"metadata.name".equals(env(workload, "PLC_INSTANCE_ID").path("valueFrom").path("fieldRef")
                    .path("fieldPath").asText())) {
                problems.add(service + ": PLC_INSTANCE_ID must be the pod's name (Kafka static membership)");
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"production"})
    void theAlertsAndTheDashboardUseOnlySeriesTheServicesExport(String overlay) throws Exception {
        RenderedManifests rendered = RenderedManifests.render(KUBERNETES, overlay);
        Set<String> meters = meterNames();
        assertTrue(meters.contains("plc_commands"), "meters found in the sources: " + meters);
        Pattern series = Pattern.compile("\\b(plc_[a-z_]+)");
        List<String> problems = new ArrayList<>();
        StringBuilder expressions = new StringBuilder();
        rendered.ofKind("PrometheusRule").forEach(rule -> rule.path("spec").path("groups").forEach(group ->
                group.path("rules").forEach(alert -> {
                    expressions.append(alert.path("expr").asText()).append('\n');
                    String runbook = alert.path("annotations").path("runbook_url").asText();
                    String anchor = runbook.substring(runbook.indexOf('#') + 1);
                    if (!operationsAnchors().contains(anchor)) {
                        problems.add(alert.path("alert").asText() + ": no runbook section #" + anchor + " in docs/operations.md");
                    }
                })));
        JsonNode dashboard = new ObjectMapper().readTree(rendered.find("ConfigMap", "plc-grafana-dashboard").orElseThrow()
                .path("data").path("dataflow-privatelink.json").asText());
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> expressions.append(target.path("expr").asText()).append('\n')));
        Matcher used = series.matcher(expressions);
        while (used.find()) {
            String name = used.group(1);
            boolean exported = meters.stream().anyMatch(meter -> name.equals(meter) || name.matches(Pattern.quote(meter)
                    + "(_total|_seconds|_seconds_count|_seconds_sum|_seconds_bucket|_seconds_max)"));
            if (!exported) {
                problems.add(name + " is not a series any service exports");
            }
        }
        assertEquals(List.of(), problems);
    }

    private static JsonNode env(JsonNode workload, String name) {
        for (JsonNode env : workload.path("spec").path("template").path("spec").path("containers").path(0).path("env")) {
            if (name.equals(env.path("name").asText())) {
                return env;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /**
     * A service's configuration as it runs: the defaults of the modules it is built on (service-kit's, and the
     * workers' shared ones in provider-worker-core), its application.properties over them.
     */
    private static Properties serviceProperties(String service) throws IOException {
        Properties properties = new Properties();
        List<Path> layers = new java.util.ArrayList<>();
        layers.add(ROOT.resolve("service-kit/src/main/resources/META-INF/microprofile-config.properties"));
        if (service.startsWith("provider-worker-")) {
            layers.add(ROOT.resolve("provider-worker-core/src/main/resources/META-INF/microprofile-config.properties"));
        }
        layers.add(ROOT.resolve(service).resolve("src/main/resources/application.properties"));
        for (Path layer : layers) {
            try (Reader reader = Files.newBufferedReader(layer)) {
                properties.load(reader);
            }
        }
        return properties;
    }

    private static List<String> list(Properties properties, String key) {
        String value = properties.getProperty(key, "");
        return value.isBlank() ? List.of() : List.of(value.split(","));
    }

    /** Every meter name the services register ("plc.outbox.backlog"), as Prometheus names it (plc_outbox_backlog). */
    private static Set<String> meterNames() throws IOException {
        Pattern literal = Pattern.compile("\"(plc(?:\\.[a-z]+)+)\"");
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")
                    && !f.toString().contains("/deploy/")).toList()) {
                Matcher m = literal.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1).replace('.', '_'));
                }
            }
        }
        return names;
    }

    private static Set<String> operationsAnchors() {
        try {
            Set<String> anchors = new HashSet<>();
            for (String line : Files.readAllLines(ROOT.resolve("docs/operations.md"))) {
                if (line.startsWith("#")) {
                    anchors.add(line.replaceFirst("^#+\\s*", "").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-'));
                }
            }
            return anchors;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
