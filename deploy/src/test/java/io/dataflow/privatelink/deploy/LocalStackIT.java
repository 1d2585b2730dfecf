package io.dataflow.privatelink.deploy;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.privatelink.model.v20200415.EnableVpcEndpointConnectionRequest;
import com.aliyuncs.profile.DefaultProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole system as a user runs it: {@code deploy/local/run} starts Kafka, PostgreSQL, the simulators
 * and the packaged services as separate processes; the test speaks only the public REST API and, as the
 * customer, the EC2 API of the simulator.
 */
// The tests run in any order: each makes what it needs. The thousand Alibaba Cloud creates of the
// read-your-writes test go to the second Alibaba cluster and leave the worker minutes of backlog there; the
// clusters take turns at the account's budget, so a create in the first cluster is not held up behind them.
class LocalStackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration STATE_WAIT = Duration.ofSeconds(60);
    private static final Duration SWEEP_GRACE = Duration.ofSeconds(5);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed run keeps its logs/ for diagnosis
    static Path dataDir;

    @RegisterExtension
    final ServiceErrorsOnFailure serviceErrors = new ServiceErrorsOnFailure(() -> dataDir);

    static final Path ROOT = Path.of(System.getProperty("plc.repo.root", "..")).toAbsolutePath().normalize();
    static List<String> command;
    /** Each service's port and management port, by the launcher's option. */
    static final Map<String, String> ports = new java.util.LinkedHashMap<>();
    static Process stack;
    static Map<String, String> env;

    @BeforeAll
    static void startStack() throws Exception {
        // every port chosen while the others are held open (AGENTS.md, "Ports"): none handed out twice
        List<String> free = io.dataflow.privatelink.deploy.local.LocalStack.freePortOptions(1);
        for (int i = 0; i < free.size(); i += 2) {
            ports.put(free.get(i), free.get(i + 1));
        }
        List<String> args = new java.util.ArrayList<>(List.of("bash", ROOT.resolve("deploy/local/run").toString(), "--no-build",
                "--data-dir", dataDir.toString(), "--cli-config", dataDir.resolve("plc-config.json").toString(),
                // the orphan sweep's grace runs out within the test (production's default is an hour)
                "--set", "provider-worker-aws:plc.worker.orphan-sweep.grace=" + SWEEP_GRACE.toSeconds() + "s",
                // as in production: JSON lines (the local stack's default is text, for people reading it)
                "--set", "provider-worker-aws:quarkus.log.console.json.enabled=true",
                "--set", "connection-service:quarkus.log.console.json.enabled=true"));
        ports.forEach((option, port) -> args.addAll(List.of(option, port)));
        args.addAll(io.dataflow.privatelink.deploy.local.LocalStack.LOAD_TEST_QUOTAS); // a thousand creates in a cluster
        command = List.copyOf(args);
        start();
    }

    private static void start() throws Exception {
        Path envFile = dataDir.resolve("env.sh");
        Files.deleteIfExists(envFile);
        stack = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("stack.log").toFile())).start();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertTrue(stack.isAlive(), () -> "the stack exited: " + log());
            return Files.exists(envFile);
        });
        env = StackApi.readExports(envFile);
    }

    /** After every test, whatever their order: the stack stops cleanly and no log holds a secret. */
    @AfterAll
    static void stopStackAndCheckItsLogs() throws Exception {
        if (stack == null) {
            return;
        }
        stopStack();
        noSecretsInAnyServiceLog();
    }

    /** Stops as Ctrl-C would (the launcher's shutdown hook) and checks that no process is left behind. */
    static void stopStack() throws Exception {
        if (stack == null) {
            return;
        }
        List<ProcessHandle> processes = stack.descendants().toList();
        assertFalse(processes.isEmpty(), "the services run as child processes");
        stack.destroy();
        assertTrue(stack.waitFor(60, TimeUnit.SECONDS), "the stack did not stop on SIGTERM");
        await().atMost(Duration.ofSeconds(30)).until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
        stack = null;
    }

    @Test
    void helpDocumentsTheOptions() throws Exception {
        Process help = new ProcessBuilder("bash", ROOT.resolve("deploy/local/run").toString(), "--help")
                .redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(help.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, help.exitValue(), text);
        for (String option : List.of("--data-dir", "--reset", "--api-port", "--kafka-port", "--postgres-port")) {
            assertTrue(text.contains(option), option + " in " + text);
        }
    }

    @Test
    void connectionsAreExactlyAsBeforeARestartOnTheSameDataFolder() throws Exception {
        String api = env.get("PLC_API") + "/v1beta1/clusters/" + env.get("PLC_AWS_CLUSTER_ID") + "/privateLinkConnections";
        String id = send("POST", api, """
                {"privateLinkConnection": {"displayName": "survivor", "type": "AWS_ENDPOINT_SERVICE",
                 "awsEndpointService": {"name": "%s"}}}""".formatted(env.get("PLC_AWS_SERVICE_NAME")), 200)
                .get("privateLinkConnectionId").asText();
        String endpointId = awaitState(api + "/" + id, "PENDING_ACCEPTANCE").path("awsEndpointService")
                .path("endpointId").asText();
        try (Ec2Client customer = customerEc2()) {
            customer.acceptVpcEndpointConnections(r -> r.serviceId(env.get("PLC_AWS_SERVICE_ID")).vpcEndpointIds(endpointId));
        }
        JsonNode before = awaitState(api + "/" + id, "ACTIVE");
        String serviceName = env.get("PLC_AWS_SERVICE_NAME");

        stopStack();
        assertPostgresStoppedAfterTheServices();
        start();

        assertEquals(serviceName, env.get("PLC_AWS_SERVICE_NAME"), "the customer's service is the one from before");
        String restartedApi = env.get("PLC_API") + "/v1beta1/clusters/" + env.get("PLC_AWS_CLUSTER_ID")
                + "/privateLinkConnections";
        // The simulated cloud kept the endpoint and the owner's decision: the workers' watch finds it as it was,
        // not "deleted outside this system", pass after pass.
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(restartedApi + "/" + id), node -> "ACTIVE".equals(node.path("state").asText()));
        JsonNode after = get(restartedApi + "/" + id);
        assertEquals("survivor", after.get("displayName").asText());
        assertEquals(before.path("awsEndpointService"), after.path("awsEndpointService"), "the same endpoint and zones");
    }

    /** Ctrl-C stops the services first, then PostgreSQL: none of them sees its database vanish while it works. */
    private static void assertPostgresStoppedAfterTheServices() throws IOException {
        String postgresLog = Files.readString(dataDir.resolve("postgres/postgres.log"));
        java.util.regex.Matcher shutDown = java.util.regex.Pattern
                .compile("(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) UTC \\[\\d+\\] LOG:  database system is shut down")
                .matcher(postgresLog);
        String lastShutDown = null;
        while (shutDown.find()) {
            lastShutDown = shutDown.group(1);
        }
        assertNotNull(lastShutDown, "PostgreSQL logged its shutdown");
        for (String service : List.of("connection-service", "domain-service", "provider-worker-aws",
                "provider-worker-alicloud")) {
            List<String> stops = Files.readAllLines(dataDir.resolve("logs/" + service + ".log")).stream()
                    .filter(line -> line.contains(service + " stopped in")).toList();
            assertFalse(stops.isEmpty(), service + " logged its stop");
            String stopped = logTime(stops.get(stops.size() - 1));
            assertTrue(stopped.compareTo(lastShutDown) <= 0, service + " stopped at " + stopped
                    + ", after PostgreSQL at " + lastShutDown);
        }
    }

    /** /q/* is served on each service's management port only; in production the API's document without its UI. */
    @Test
    void healthIsOnTheManagementPortsOnlyAndSwaggerUiIsOffInProduction() throws Exception {
        for (String service : List.of("api", "query", "aws-worker", "alicloud-worker")) {
            String publicPort = "http://localhost:" + ports.get("--" + service + "-port");
            String managementPort = "http://localhost:" + ports.get("--" + service + "-management-port");
            assertEquals(404, status(publicPort + "/q/health"), service + "'s public port");
            assertEquals(404, status(publicPort + "/q/health/ready"), service + "'s public port");
            await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> status(managementPort + "/q/health"), code -> code == 200);
        }
        String apiManagement = "http://localhost:" + ports.get("--api-management-port");
        assertEquals(404, status(env.get("PLC_API") + "/q/openapi"));
        assertEquals(200, status(apiManagement + "/q/openapi"));
        assertEquals(404, status(apiManagement + "/q/swagger-ui/"), "no Swagger UI in production");
    }

    @Test
    void connectionGoesFromCreatingThroughAcceptanceToActiveAndIsDeleted() throws Exception {
        String api = env.get("PLC_API") + "/v1beta1/clusters/" + env.get("PLC_AWS_CLUSTER_ID") + "/privateLinkConnections";

        JsonNode zones = get(api + ":getAvailabilityZones");
        assertEquals("111111111111", zones.get("accountId").asText());

        JsonNode created = send("POST", api, """
                {"privateLinkConnection": {"displayName": "orders-kafka", "type": "AWS_ENDPOINT_SERVICE",
                 "awsEndpointService": {"name": "%s"}}}""".formatted(env.get("PLC_AWS_SERVICE_NAME")), 200);
        assertEquals("CREATING", created.get("state").asText());
        String id = created.get("privateLinkConnectionId").asText();

        JsonNode pending = awaitState(api + "/" + id, "PENDING_ACCEPTANCE");
        String endpointId = pending.get("awsEndpointService").get("endpointId").asText();
        assertTrue(endpointId.startsWith("vpce-"), endpointId);

        try (Ec2Client customer = customerEc2()) {
            var accepted = customer.acceptVpcEndpointConnections(r -> r.serviceId(env.get("PLC_AWS_SERVICE_ID"))
                    .vpcEndpointIds(endpointId));
            assertTrue(accepted.unsuccessful().isEmpty(), accepted.unsuccessful().toString());
        }
        awaitState(api + "/" + id, "ACTIVE");
        assertEquals("ACTIVE", listed(api).get(id), "listed, with its state");

        JsonNode deleting = send("DELETE", api + "/" + id, null, 200);
        assertEquals("DELETING", deleting.get("state").asText());
        await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(300)).until(() -> status(api + "/" + id) == 404);
        JsonNode gone = send("GET", api + "/" + id, null, 404);
        assertEquals(5, gone.get("code").asInt(), "domain-service's answer, passed through: " + gone);
        assertTrue(gone.get("message").asText().contains(id), gone.toString());
        assertFalse(listed(api).containsKey(id), "no longer listed");
    }

    /**
     * The caller's trace follows its create through every Kafka hop: the command (connection-service's outbox),
     * each state the worker announces (the create step's, and the watch's after acceptance, passes later) and each
     * snapshot on the integration stream (domain-service's outbox), so a trace backend shows the whole journey.
     */
    @Test
    void aCreateIsOneTraceFromTheApiCallThroughEveryKafkaHopToTheIntegrationStream() throws Exception {
        String api = env.get("PLC_API") + "/v1beta1/clusters/" + env.get("PLC_AWS_CLUSTER_ID") + "/privateLinkConnections";
        String trace = java.util.UUID.randomUUID().toString().replace("-", "");
        HttpRequest create = authorized(HttpRequest.newBuilder(URI.create(api)))
                .header("Content-Type", "application/json").header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"privateLinkConnection": {"displayName": "traced-kafka", "type": "AWS_ENDPOINT_SERVICE",
                         "awsEndpointService": {"name": "%s"}}}""".formatted(env.get("PLC_AWS_SERVICE_NAME")))).build();
        HttpResponse<String> created = HTTP.send(create, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).get("privateLinkConnectionId").asText();
        String endpointId = awaitState(api + "/" + id, "PENDING_ACCEPTANCE").get("awsEndpointService")
                .get("endpointId").asText();
        try (Ec2Client customer = customerEc2()) {
            customer.acceptVpcEndpointConnections(r -> r.serviceId(env.get("PLC_AWS_SERVICE_ID")).vpcEndpointIds(endpointId));
        }
        awaitState(api + "/" + id, "ACTIVE");

        String kafka = env.get("PLC_KAFKA_BOOTSTRAP_SERVERS");
        Map<String, Integer> hops = Map.of(io.dataflow.privatelink.contract.event.Topics.CONNECTION_REQUESTS, 1,
                io.dataflow.privatelink.contract.event.Topics.CONNECTION_STATE, 2,
                io.dataflow.privatelink.contract.event.Topics.CONNECTIONS, 2);
        hops.forEach((topic, atLeast) -> {
            try (io.dataflow.privatelink.infra.TopicProbe records =
                         io.dataflow.privatelink.infra.TopicProbe.fromBeginning(kafka, topic)) {
                // the integration stream's last snapshot (ACTIVE) may come a moment after the API shows it
                List<String> traces = records.awaitRecords(r -> id.equals(r.key()), atLeast, STATE_WAIT).stream()
                        .map(r -> r.headers().lastHeader("traceparent"))
                        .map(h -> h == null ? "none" : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)
                                .split("-", -1)[1])
                        .toList();
                assertEquals(List.of(trace), traces.stream().distinct().toList(), topic + ": " + traces);
            }
        });
        // Logs name the trace and what a line is about: the worker's JSON lines (production's format, set for it
        // above) carry both in their log context; the API's access log shows the call and its cluster.
        JsonNode transition = jsonLines("provider-worker-aws").stream()
                .filter(l -> id.equals(l.path("mdc").path("connectionId").asText())
                        && l.path("message").asText().contains("PENDING_ACCEPTANCE"))
                .findFirst().orElseThrow(() -> new AssertionError("no worker line about " + id));
        assertEquals(trace, transition.path("mdc").path("traceId").asText(), transition.toString());
        assertEquals(env.get("PLC_AWS_CLUSTER_ID"), transition.path("mdc").path("clusterId").asText());
        JsonNode access = jsonLines("connection-service").stream()
                .filter(l -> "io.quarkus.http.access-log".equals(l.path("loggerName").asText())
                        && l.path("message").asText().contains("\"POST " + URI.create(api).getPath() + " HTTP/"))
                .findFirst().orElseThrow(() -> new AssertionError("no access log line of the create"));
        assertTrue(access.path("message").asText().matches(".*\" 200 \\d+ \\d+$"), "status, bytes, ms: " + access);
        assertEquals(env.get("PLC_AWS_CLUSTER_ID"), access.path("mdc").path("clusterId").asText(), access.toString());
        // No collector here (no --otlp-endpoint): the spans' failed exports are not the user's concern.
        try (var logs = Files.list(dataDir.resolve("logs"))) {
            for (Path log : logs.toList()) {
                assertFalse(Files.readString(log).contains("Failed to export"), log.toString());
            }
        }
    }

    /**
     * Another control plane (staging, another region's) shares the platform's AWS account and VPC and makes its
     * endpoint through EC2's own API, tagged with its identity. This stack sweeps an endpoint of its own that no
     * connection owns once the grace is over, and in all that time leaves the other deployment's alone.
     */
    @Test
    void aSecondDeploymentSharingThePlatformAccountKeepsItsEndpointWhileOurOrphanIsSwept() throws Exception {
        String api = env.get("PLC_API") + "/v1beta1/clusters/" + env.get("PLC_AWS_CLUSTER_ID") + "/privateLinkConnections";
        // a live connection keeps the region watched
        send("POST", api, """
                {"privateLinkConnection": {"displayName": "keeps-region-watched", "type": "AWS_ENDPOINT_SERVICE",
                 "awsEndpointService": {"name": "%s"}}}""".formatted(env.get("PLC_AWS_SERVICE_NAME")), 200);
        try (Ec2Client platform = StackApi.platformEc2(env)) {
            String theirs = taggedEndpoint(platform, "staging", "plc-of-staging-0001");
            String ours = taggedEndpoint(platform, env.get("PLC_DEPLOYMENT_ID"), "plc-nobody-knows-0001");
            long made = System.nanoTime();

            await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(500)).until(() -> !exists(platform, ours));
            assertTrue(Duration.ofNanos(System.nanoTime() - made).compareTo(SWEEP_GRACE) >= 0, "swept within the grace");
            assertTrue(exists(platform, theirs), "the other deployment's endpoint was deleted");
        }
    }

    private static String taggedEndpoint(Ec2Client platform, String deployment, String connectionId) {
        return platform.createVpcEndpoint(r -> r.vpcId(env.get("PLC_AWS_PLATFORM_VPC")).vpcEndpointType("Interface")
                .serviceName(env.get("PLC_AWS_SERVICE_NAME")).subnetIds(env.get("PLC_AWS_PLATFORM_SUBNET"))
                .tagSpecifications(t -> t.resourceType("vpc-endpoint").tags(
                        tag -> tag.key("dataflow-privatelink:connection-id").value(connectionId),
                        tag -> tag.key("dataflow-privatelink:deployment-id").value(deployment))))
                .vpcEndpoint().vpcEndpointId();
    }

    private static boolean exists(Ec2Client platform, String endpointId) {
        // all of the account's, not by id: EC2 answers an id it no longer knows with an error
        return platform.describeVpcEndpointsPaginator(r -> r.maxResults(1000)).vpcEndpoints().stream()
                .anyMatch(e -> e.vpcEndpointId().equals(endpointId) && !"deleted".equals(e.stateAsString())
                        && !"deleting".equals(e.stateAsString()));
    }

    @Test
    void alibabaCloudConnectionIsAcceptedThroughEnableVpcEndpointConnection() throws Exception {
        String api = env.get("PLC_API") + "/v1beta1/clusters/" + env.get("PLC_ALICLOUD_CLUSTER_ID")
                + "/privateLinkConnections";

        JsonNode created = send("POST", api, """
                {"privateLinkConnection": {"displayName": "orders-db", "type": "ALICLOUD_ENDPOINT_SERVICE",
                 "alicloudEndpointService": {"name": "%s"}}}""".formatted(env.get("PLC_ALICLOUD_SERVICE_NAME")), 200);
        String id = created.get("privateLinkConnectionId").asText();
        JsonNode pending = awaitState(api + "/" + id, "PENDING_ACCEPTANCE");
        String endpointId = pending.get("alicloudEndpointService").get("endpointId").asText();

        acceptAsAlicloudOwner(endpointId);

        awaitState(api + "/" + id, "ACTIVE");
    }

    /** Each GET right after a command shows the command's effect, through the one base URL. */
    @Test
    void readYourWritesHoldsForAThousandCreateThenGetPairsAndForListAndDelete() throws Exception {
        String api = env.get("PLC_API") + "/v1beta1/clusters/" + env.get("PLC_ALICLOUD_SECOND_CLUSTER_ID")
                + "/privateLinkConnections";
        String body = """
                {"privateLinkConnection": {"displayName": "ryw", "type": "ALICLOUD_ENDPOINT_SERVICE",
                 "alicloudEndpointService": {"name": "%s"}}}""".formatted(env.get("PLC_ALICLOUD_SERVICE_NAME"));
        int misses = 0;
        int before = get(api + "?pageSize=1").get("totalSize").asInt();
        long started = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            String id = send("POST", api, body, 200).get("privateLinkConnectionId").asText();
            if (status(api + "/" + id) != 200) {
                misses++;
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("read-your-writes: 1000 create-then-get pairs in %d ms, %d misses%n", millis, misses);
        assertEquals(0, misses);

        String listed = send("POST", api, body, 200).get("privateLinkConnectionId").asText();
        JsonNode page = get(api + "?pageSize=100");
        assertEquals(before + 1001, page.get("totalSize").asInt(), "the list counts every create right after it");
        send("DELETE", api + "/" + listed, null, 200);
        assertEquals("DELETING", get(api + "/" + listed).get("state").asText());
    }

    /** Domains of each supported kind through the public API, checked by resolving in the platform VPC. */
    @Test
    void domainsAreAttachedResolvedLookedUpDetachedAndRemovedWithTheirConnection() throws Exception {
        String api = env.get("PLC_API") + "/v1beta1/clusters/" + env.get("PLC_AWS_CLUSTER_ID") + "/privateLinkConnections";
        String id = send("POST", api, """
                {"privateLinkConnection": {"displayName": "kafka-with-domains", "type": "AWS_ENDPOINT_SERVICE",
                 "awsEndpointService": {"name": "%s"}}}""".formatted(env.get("PLC_AWS_SERVICE_NAME")), 200)
                .get("privateLinkConnectionId").asText();
        String connection = api + "/" + id;
        JsonNode pending = awaitState(connection, "PENDING_ACCEPTANCE");
        String endpointId = pending.get("awsEndpointService").get("endpointId").asText();
        String azId = pending.get("awsEndpointService").get("availabilityZoneIds").get(0).asText();

        // Managed: a dry run generates the name and changes nothing; the attach uses it.
        JsonNode dry = send("POST", connection + ":attachDomains",
                "{\"attachDomain\": {\"type\": \"TIDBCLOUD_MANAGED\"}, \"validateOnly\": true}", 200);
        String unique = dry.get("uniqueName").asText();
        assertTrue(unique.matches("[a-z2-7]{26}"), unique);
        assertEquals(0, get(connection).path("attachedDomains").size());
        String managedId = send("POST", connection + ":attachDomains", "{\"attachDomain\": {\"type\": "
                + "\"TIDBCLOUD_MANAGED\", \"uniqueName\": \"" + unique + "\"}}", 200).get("attachDomainId").asText();
        // Read-your-writes: the GET right after the attach shows it.
        assertTrue(get(connection).path("attachedDomains").findValuesAsText("attachDomainId").contains(managedId));
        // Confluent: the network's name, in the service's region.
        send("POST", connection + ":attachDomains", "{\"attachDomain\": {\"type\": \"CONFLUENT\", "
                + "\"uniqueName\": \"n1demo.us-east-1\"}, \"validateOnly\": true}", 200);
        send("POST", connection + ":attachDomains", "{\"attachDomain\": {\"type\": \"CONFLUENT\", "
                + "\"uniqueName\": \"n1demo.us-east-1\"}}", 200);
        JsonNode refused = send("POST", connection + ":attachDomains", "{\"attachDomain\": {\"type\": \"CONFLUENT\", "
                + "\"uniqueName\": \"n1demo.us-east-1\"}}", 409);
        assertEquals(6, refused.get("code").asInt());

        await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode domains = get(connection).path("attachedDomains");
            return domains.size() == 2 && domains.findValuesAsText("state").stream().allMatch("ACTIVE"::equals);
        });
        String managedHost = "b1." + azId + "." + unique + ".aws.plc.tidbcloud.com";
        JsonNode managed = resolve(env.get("PLC_EC2_ENDPOINT"), env.get("PLC_AWS_PLATFORM_VPC"), managedHost);
        assertEquals("NOERROR", managed.get("status").asText(), managed.toString());
        assertTrue(managed.get("target").asText().startsWith(endpointId + "-"), managed.toString());
        assertTrue(managed.get("target").asText().contains("-us-east-1"), "a zonal name: " + managed);
        JsonNode regional = resolve(env.get("PLC_EC2_ENDPOINT"), env.get("PLC_AWS_PLATFORM_VPC"),
                "lkc-abc12.n1demo.us-east-1.aws.confluent.cloud");
        assertTrue(regional.get("target").asText().startsWith(endpointId + "-"), regional.toString());

        JsonNode route = get(api + ":lookupHost?hostname=" + managedHost);
        assertEquals(id, route.get("privateLinkConnectionId").asText());
        assertEquals("ACTIVE", route.get("domainState").asText());

        send("POST", connection + ":detachDomains", "{\"attachDomainId\": \"" + managedId + "\"}", 200);
        // Read-your-writes: right after the detach, the attachment is DELETING (or already gone).
        for (JsonNode attachment : get(connection).path("attachedDomains")) {
            if (attachment.path("attachDomainId").asText().equals(managedId)) {
                assertEquals(List.of("DELETING"), attachment.path("domains").findValuesAsText("state").stream()
                        .distinct().toList(), attachment.toString());
            }
        }
        await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> status(api + ":lookupHost?hostname=" + managedHost) == 404);
        assertEquals("NXDOMAIN", resolve(env.get("PLC_EC2_ENDPOINT"), env.get("PLC_AWS_PLATFORM_VPC"), managedHost)
                .get("status").asText());

        send("DELETE", connection, null, 200);
        await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(300)).until(() -> status(connection) == 404);
        assertEquals("NXDOMAIN", resolve(env.get("PLC_EC2_ENDPOINT"), env.get("PLC_AWS_PLATFORM_VPC"),
                "lkc-abc12.n1demo.us-east-1.aws.confluent.cloud").get("status").asText());
    }

    /**
     * The connectivity test, run by the AWS worker from the simulated platform VPC through the endpoints to a real Kafka
     * broker: the demo Kafka passes every check; the misconfigured one, ACTIVE too, fails because its broker advertises
     * a host no attached domain covers, and says what to set.
     */
    @Test
    void connectivityTestFindsTheHealthyKafkaAndTheOneAdvertisingAHostNoDomainCovers() throws Exception {
        String api = env.get("PLC_API") + "/v1beta1/clusters/" + env.get("PLC_AWS_CLUSTER_ID") + "/privateLinkConnections";
        String healthy = api + "/" + activeAwsConnection(api, "kafka-connectivity", env.get("PLC_AWS_SERVICE_NAME"),
                env.get("PLC_AWS_SERVICE_ID"));
        attachActive(healthy, env.get("PLC_DEMO_KAFKA_DOMAIN"));
        int port = Integer.parseInt(env.get("PLC_DEMO_KAFKA_PORT"));
        JsonNode passed = connectivityTest(healthy, "{\"port\": " + port + ", \"kafka\": true}");
        assertEquals("PASSED", passed.get("state").asText(), passed.toPrettyString());
        JsonNode advertised = check(passed, "KAFKA_ADVERTISED_HOST", "PASS");
        assertEquals("b1.use1-az1." + env.get("PLC_DEMO_KAFKA_DOMAIN") + ".aws.confluent.cloud:" + port,
                advertised.get("target").asText());
        assertEquals(List.of("use1-az1", "use1-az2"), passed.get("checks").findParents("check").stream()
                .filter(c -> c.get("check").asText().equals("TCP_CONNECT") && c.hasNonNull("zoneId"))
                .map(c -> c.get("zoneId").asText()).distinct().sorted().toList(), "TCP through each zone of the endpoint");
        assertEquals("PASS", check(passed, "KAFKA_BROKER_ZONE", "PASS").get("status").asText());

        String broken = api + "/" + activeAwsConnection(api, "kafka-misconfigured",
                env.get("PLC_AWS_BROKEN_KAFKA_SERVICE_NAME"), env.get("PLC_AWS_BROKEN_KAFKA_SERVICE_ID"));
        attachActive(broken, "n1broken.us-east-1");
        int brokenPort = Integer.parseInt(env.get("PLC_DEMO_BROKEN_KAFKA_PORT"));
        JsonNode failed = connectivityTest(broken, "{\"port\": " + brokenPort + ", \"kafka\": true}");
        assertEquals("FAILED", failed.get("state").asText(), failed.toPrettyString());
        assertEquals("PASS", check(failed, "KAFKA_METADATA", "PASS").get("status").asText(), "the broker answered");
        JsonNode uncovered = check(failed, "KAFKA_ADVERTISED_HOST", "FAIL");
        assertEquals("Broker 1 advertises ip-10-1-2-3.ec2.internal:" + brokenPort + ", which no attached domain covers:"
                + " dataflow cannot reach it through this connection.", uncovered.get("observed").asText());
        assertEquals("Set the broker's advertised.listeners to a name under an attached domain, e.g. "
                + "b1.n1broken.us-east-1.aws.confluent.cloud:" + brokenPort + ".", uncovered.get("advice").asText());
        assertTrue(get(broken + "/history").path("stateChanges").findValuesAsText("connectivityTestId")
                .contains(failed.get("testId").asText()), "the test's entry in the history");

        send("DELETE", healthy, null, 200);
        send("DELETE", broken, null, 200);
        await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> status(healthy) == 404 && status(broken) == 404);
    }

    /** Starts a connectivity test and answers it once the worker has reported its checks (as get shows it). */
    private static JsonNode connectivityTest(String connection, String body) throws Exception {
        JsonNode started = send("POST", connection + ":testConnectivity", body, 200);
        assertEquals("RUNNING", started.get("state").asText());
        String testId = started.get("testId").asText();
        return await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> get(connection).path("connectivityTest"),
                        test -> testId.equals(test.path("testId").asText()) && !"RUNNING".equals(test.path("state").asText()));
    }

    private static JsonNode check(JsonNode test, String kind, String status) {
        for (JsonNode check : test.get("checks")) {
            if (kind.equals(check.get("check").asText()) && status.equals(check.get("status").asText())) {
                return check;
            }
        }
        throw new AssertionError("no " + kind + " " + status + " in " + test.toPrettyString());
    }

    /** Attaches a Confluent-style domain and waits until it resolves (ACTIVE). */
    private static void attachActive(String connection, String uniqueName) throws Exception {
        send("POST", connection + ":attachDomains", "{\"attachDomain\": {\"type\": \"CONFLUENT\", \"uniqueName\": \""
                + uniqueName + "\"}}", 200);
        await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode domains = get(connection).path("attachedDomains");
            return domains.size() == 1 && domains.findValuesAsText("state").stream().allMatch("ACTIVE"::equals);
        });
    }

    /** An Alibaba Cloud connection's managed domain resolves to the endpoint's domain in the platform VPC. */
    @Test
    void domainsOfAnAlibabaCloudConnectionResolveToItsEndpointDomain() throws Exception {
        String api = env.get("PLC_API") + "/v1beta1/clusters/" + env.get("PLC_ALICLOUD_CLUSTER_ID")
                + "/privateLinkConnections";
        String id = send("POST", api, """
                {"privateLinkConnection": {"displayName": "db-with-domains", "type": "ALICLOUD_ENDPOINT_SERVICE",
                 "alicloudEndpointService": {"name": "%s"}}}""".formatted(env.get("PLC_ALICLOUD_SERVICE_NAME")), 200)
                .get("privateLinkConnectionId").asText();
        awaitState(api + "/" + id, "PENDING_ACCEPTANCE");
        String unique = send("POST", api + "/" + id + ":attachDomains",
                "{\"attachDomain\": {\"type\": \"TIDBCLOUD_MANAGED\"}, \"validateOnly\": true}", 200)
                .get("uniqueName").asText();
        JsonNode confluent = send("POST", api + "/" + id + ":attachDomains",
                "{\"attachDomain\": {\"type\": \"CONFLUENT\", \"uniqueName\": \"n1.cn-hangzhou\"}}", 400);
        assertTrue(confluent.get("message").asText().contains("support TIDBCLOUD_MANAGED"), confluent.toString());
        send("POST", api + "/" + id + ":attachDomains", "{\"attachDomain\": {\"type\": \"TIDBCLOUD_MANAGED\", "
                + "\"uniqueName\": \"" + unique + "\"}}", 200);
        await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(300)).until(() -> get(api + "/" + id)
                .path("attachedDomains").findValuesAsText("state").equals(List.of("ACTIVE")));
        JsonNode answer = resolve(env.get("PLC_ALICLOUD_ENDPOINT"), env.get("PLC_ALICLOUD_PLATFORM_VPC"),
                "b1." + unique + ".alicloud.plc.tidbcloud.com");
        assertEquals("NOERROR", answer.get("status").asText(), answer.toString());
        assertTrue(answer.get("target").asText().endsWith(".privatelink.aliyuncs.com"), answer.toString());

        // The Alibaba Cloud worker's connectivity test: while the owner has not accepted, it says who must act;
        // once accepted, the endpoint's domains and the attached one resolve to the endpoint in the platform VPC.
        JsonNode waiting = connectivityTest(api + "/" + id, "{}");
        JsonNode notActive = check(waiting, "CONNECTION_ACTIVE", "FAIL");
        String endpointId = get(api + "/" + id).path("alicloudEndpointService").path("endpointId").asText();
        assertTrue(notActive.get("advice").asText().startsWith("Ask the endpoint service's owner to accept endpoint "
                + endpointId), notActive.toString());
        acceptAsAlicloudOwner(endpointId);
        awaitState(api + "/" + id, "ACTIVE");
        JsonNode names = connectivityTest(api + "/" + id, "{}");
        assertEquals("PASSED", names.get("state").asText(), names.toPrettyString());
        assertTrue(check(names, "ENDPOINT_DNS", "PASS").get("target").asText().endsWith(".privatelink.aliyuncs.com"),
                names.toPrettyString());
        assertTrue(check(names, "DOMAIN_DNS", "PASS").get("observed").asText().contains("resolves to this connection's"
                + " endpoint"), names.toPrettyString());
        assertEquals("SKIPPED", check(names, "TCP_CONNECT", "SKIPPED").get("status").asText(), "no port: no TCP");
    }

    private static JsonNode resolve(String simulator, String vpcId, String name) throws IOException, InterruptedException {
        return get(simulator + "/_simulator/dns/resolve?vpcId=" + vpcId + "&name=" + name);
    }

    /**
     * 5,000 generated and mutated requests across every operation, through the public API: no 5xx, every
     * refusal carries the error body, and a refused request changes nothing in either service's store.
     */
    @Test
    void fuzzedRequestsNeverFailTheServerAndRefusalsChangeNothing() throws Exception {
        String aws = env.get("PLC_AWS_CLUSTER_ID");
        String api = env.get("PLC_API") + "/v1beta1/clusters/" + aws + "/privateLinkConnections";
        String existing = send("POST", api, """
                {"privateLinkConnection": {"displayName": "fuzz-target", "type": "AWS_ENDPOINT_SERVICE",
                 "awsEndpointService": {"name": "%s"}}}""".formatted(env.get("PLC_AWS_SERVICE_NAME")), 200)
                .get("privateLinkConnectionId").asText();
        long seed = Long.getLong("fuzz.seed", 20261124L);
        List<ApiFuzzer.Request> requests = ApiFuzzer.generate(seed, 5_000,
                List.of(aws, env.get("PLC_ALICLOUD_CLUSTER_ID"), "404", "another-project"),
                List.of(existing, "plc-aaaaaaaaaaaaaaaaaaaaaaaaaa"), env.get("PLC_AWS_SERVICE_NAME"));
        int refused = 0;
        int accepted = 0;
        try (java.sql.Connection commands = database("connection_service");
             java.sql.Connection queries = database("domain_service")) {
            for (int i = 0; i < requests.size(); i++) {
                ApiFuzzer.Request request = requests.get(i);
                String before = request.command() ? fingerprint(commands) : null;
                HttpResponse<String> response = fuzz(request);
                String where = "seed " + seed + " #" + i + " " + request.method() + " " + request.path() + " -> "
                        + response.statusCode() + " " + response.body();
                assertTrue(response.statusCode() < 500, where);
                if (response.statusCode() >= 400) {
                    refused++;
                    JsonNode error = JSON.readTree(response.body());
                    assertTrue(error.get("code").isInt() && error.get("message").isTextual()
                            && error.get("details").isArray(), where);
                    if (before != null) {
                        assertEquals(before, fingerprint(commands), "a refused command changed the store: " + where);
                    }
                } else {
                    accepted++;
                }
            }
            assertTrue(fingerprintOf(queries).length() > 0);
        }
        System.out.printf("fuzz: %d requests (seed %d), %d refused with the error body, %d accepted, 0 server errors%n",
                requests.size(), seed, refused, accepted);
    }

    private static HttpResponse<String> fuzz(ApiFuzzer.Request request) throws IOException, InterruptedException {
        // Whatever the generator put in the path goes on the wire percent-encoded, as an HTTP client sends it.
        StringBuilder path = new StringBuilder();
        for (byte b : request.path().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "/:?=&._~-".indexOf(c) >= 0)) {
                path.append(c);
            } else {
                path.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(env.get("PLC_API") + path));
        if (request.token() == null) {
            builder.header("Authorization", "Bearer " + env.get("PLC_TOKEN"));
        } else if (!request.token().isEmpty()) {
            // Headers are ASCII on the wire; a client refuses anything else before sending.
            builder.header("Authorization", request.token().replaceAll("[^\\x20-\\x7e]", "?"));
        }
        if (request.contentType() != null && !request.contentType().isEmpty()) {
            builder.header("Content-Type", request.contentType());
        }
        boolean noBody = request.body() == null || request.body().isEmpty() || request.method().equals("GET");
        builder.method(request.method(), noBody ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        return FUZZ_HTTP.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final HttpClient FUZZ_HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static java.sql.Connection database(String name) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + env.get("PLC_POSTGRES_PORT")
                + "/" + name, "postgres", "postgres");
    }

    /**
     * What only an accepted command changes: every accepted command records its event as its cluster's
     * latest, in its own transaction (workers change states meanwhile, so states are not compared).
     */
    private static String fingerprint(java.sql.Connection db) throws java.sql.SQLException {
        return fingerprintOf(db, """
                SELECT COALESCE((SELECT max(seq) FROM command_event), 0)
                  || '/' || (SELECT count(*) FROM attached_domain WHERE state <> 'DELETING')""");
    }

    private static String fingerprintOf(java.sql.Connection db) throws java.sql.SQLException {
        return fingerprintOf(db, "SELECT count(*) || '' FROM connection_view");
    }

    private static String fingerprintOf(java.sql.Connection db, String sql) throws java.sql.SQLException {
        try (var statement = db.createStatement(); var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * The documented rebuild command replays Kafka into a fresh schema; the copy equals the live read models,
     * which hold at least an active connection with a domain attached and a deleted one (made here, so the
     * comparison is never of empty tables, whatever ran before).
     */
    @Test
    void rebuildOfTheReadModelsFromKafkaEqualsTheLiveOnes() throws Exception {
        String api = env.get("PLC_API") + "/v1beta1/clusters/" + env.get("PLC_AWS_CLUSTER_ID") + "/privateLinkConnections";
        String kept = activeAwsConnection(api, "rebuilt-kept");
        JsonNode dryRun = send("POST", api + "/" + kept + ":attachDomains",
                "{\"attachDomain\": {\"type\": \"TIDBCLOUD_MANAGED\"}, \"validateOnly\": true}", 200);
        send("POST", api + "/" + kept + ":attachDomains", "{\"attachDomain\": {\"type\": \"TIDBCLOUD_MANAGED\", \"uniqueName\": \""
                + dryRun.path("uniqueName").asText() + "\"}}", 200);
        String gone = activeAwsConnection(api, "rebuilt-deleted");
        send("DELETE", api + "/" + gone, null, 200);
        await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> status(api + "/" + gone) == 404);
        await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(300)).until(() -> get(api + "/" + kept)
                .path("attachedDomains").path(0).path("domains").path(0).path("state").asText().equals("ACTIVE"));

        Process rebuild = new ProcessBuilder("bash", ROOT.resolve("deploy/local/rebuild-read-models").toString(),
                dataDir.toString()).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output;
        try {
            output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(rebuild.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(6, TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            rebuild.descendants().forEach(ProcessHandle::destroyForcibly); // it must not outlive the test
            rebuild.destroyForcibly();
            throw e;
        }
        assertTrue(rebuild.waitFor(30, TimeUnit.SECONDS), output);
        assertEquals(0, rebuild.exitValue(), output);
        assertTrue(output.contains("equal to the live ones"), output);
        System.out.println(output.lines().filter(l -> l.startsWith("Rebuilt")).findFirst().orElse(output));
    }

    /** A status subscription through the one base URL: the proxy streams domain-service's events as they happen. */
    @Test
    void statusStreamThroughTheApiShowsANewConnectionsStates() throws Exception {
        String api = env.get("PLC_API") + "/v1beta1/clusters/" + env.get("PLC_AWS_CLUSTER_ID") + "/privateLinkConnections";
        HttpResponse<java.util.stream.Stream<String>> stream = HTTP.send(authorized(HttpRequest.newBuilder(URI.create(api + ":watch")))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        try (java.util.stream.Stream<String> lines = stream.body()) {
            String id = send("POST", api, """
                    {"privateLinkConnection": {"displayName": "watched", "type": "AWS_ENDPOINT_SERVICE",
                     "awsEndpointService": {"name": "%s"}}}""".formatted(env.get("PLC_AWS_SERVICE_NAME")), 200)
                    .get("privateLinkConnectionId").asText();
            java.util.Iterator<String> it = lines.iterator();
            List<String> states = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                List<String> seen = new java.util.ArrayList<>();
                while (!seen.contains("PENDING_ACCEPTANCE")) {
                    String line = it.next();
                    if (line.startsWith("data:") && line.contains(id)) {
                        seen.add(stateOf(line.substring(5)));
                    }
                }
                return seen;
            }).get(STATE_WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(List.of("CREATING", "PENDING_ACCEPTANCE"), states);
        }
        HttpResponse<String> unknown = HTTP.send(authorized(HttpRequest.newBuilder(URI.create(env.get("PLC_API")
                + "/v1beta1/clusters/404/privateLinkConnections:watch"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        assertEquals(5, JSON.readTree(unknown.body()).get("code").asInt());
    }

    /** Tokens for other callers come from deploy/local/mint-token; a viewer may read but not write. */
    @Test
    void mintedViewerTokenReadsButCannotCreateAndNoTokenIsUnauthenticated() throws Exception {
        Process mint = new ProcessBuilder("bash", ROOT.resolve("deploy/local/mint-token").toString(),
                "--subject", "viewer@example.com", "--project", "demo-project=viewer", "--data-dir", dataDir.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        String token = new String(mint.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(mint.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, mint.exitValue(), token);
        String api = env.get("PLC_API") + "/v1beta1/clusters/" + env.get("PLC_AWS_CLUSTER_ID") + "/privateLinkConnections";
        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create(api + ":getAvailabilityZones"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, read.statusCode(), read.body());
        HttpResponse<String> write = HTTP.send(HttpRequest.newBuilder(URI.create(api))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, write.statusCode(), write.body());
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(api)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals(16, JSON.readTree(anonymous.body()).get("code").asInt());
    }

    /**
     * The browser's stream through the one base URL: a WebSocket, proxied to domain-service, its token offered
     * as a subprotocol (browsers cannot set headers) and the server answering with the stream's own.
     */
    @Test
    void webSocketThroughTheApiCarriesTheClustersSnapshots() throws Exception {
        String cluster = env.get("PLC_AWS_CLUSTER_ID");
        send("POST", env.get("PLC_API") + "/v1beta1/clusters/" + cluster + "/privateLinkConnections", """
                {"privateLinkConnection": {"displayName": "seen-by-a-browser", "type": "AWS_ENDPOINT_SERVICE",
                 "awsEndpointService": {"name": "%s"}}}""".formatted(env.get("PLC_AWS_SERVICE_NAME")), 200);
        java.util.concurrent.BlockingQueue<String> messages = new java.util.concurrent.LinkedBlockingQueue<>();
        java.net.http.WebSocket socket = HTTP.newWebSocketBuilder()
                .subprotocols("plc.v1", "plc.bearer." + env.get("PLC_TOKEN"))
                .buildAsync(URI.create(env.get("PLC_API")
                        .replaceFirst("^http", "ws") + "/v1beta1/ws/clusters/" + cluster + "/privateLinkConnections"),
                new java.net.http.WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data,
                                                                         boolean last) {
                        partial.append(data);
                        if (last) {
                            messages.add(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        String first = messages.poll(30, TimeUnit.SECONDS);
        assertEquals("plc.v1", socket.getSubprotocol());
        socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye").get(30, TimeUnit.SECONDS);
        JsonNode message = JSON.readTree(first);
        assertEquals("snapshot", message.get("event").asText());
        assertEquals(cluster, message.get("data").get("clusterId").asText());
    }

    /** A service's log as production writes it: every line one JSON object. */
    private static List<JsonNode> jsonLines(String service) throws IOException {
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(dataDir.resolve("logs/" + service + ".log"))) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** When a log line (text, or a JSON line as production writes) was written: {@code yyyy-MM-dd HH:mm:ss.SSS}. */
    private static String logTime(String line) throws IOException {
        String time = line.startsWith("{") ? JSON.readTree(line).get("timestamp").asText() : line;
        return time.substring(0, 23).replace('T', ' ').replace(',', '.');
    }

    /** No service log holds a token, key or secret after everything the tests did. */
    private static void noSecretsInAnyServiceLog() throws Exception {
        String privateKey = Files.readString(dataDir.resolve("keys/jwt-private.pem"))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "").substring(0, 40);
        List<String> secrets = List.of(env.get("PLC_TOKEN"), env.get("PLC_TOKEN").split("\\.", -1)[2], privateKey,
                env.get("PLC_ALICLOUD_CUSTOMER_ACCESS_SECRET"));
        try (java.util.stream.Stream<Path> logs = Files.list(dataDir.resolve("logs"))) {
            for (Path log : logs.toList()) {
                String text = Files.readString(log);
                for (String secret : secrets) {
                    assertFalse(text.contains(secret), log + " contains a secret");
                }
            }
        }
    }

    private static String stateOf(String json) {
        try {
            return JSON.readTree(json).get("state").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode awaitState(String url, String state) {
        return await().atMost(STATE_WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> get(url), node -> state.equals(node.path("state").asText()));
    }

    /** The demo Alibaba Cloud service's owner accepts the endpoint (EnableVpcEndpointConnection, through the SDK). */
    private static void acceptAsAlicloudOwner(String endpointId) throws Exception {
        DefaultAcsClient customer = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou",
                env.get("PLC_ALICLOUD_CUSTOMER_ACCESS_KEY"), env.get("PLC_ALICLOUD_CUSTOMER_ACCESS_SECRET")));
        customer.setEndpointResolver(request -> URI.create(env.get("PLC_ALICLOUD_ENDPOINT")).getAuthority());
        EnableVpcEndpointConnectionRequest enable = new EnableVpcEndpointConnectionRequest();
        enable.setSysProtocol(ProtocolType.HTTP);
        enable.setServiceId(env.get("PLC_ALICLOUD_SERVICE_ID"));
        enable.setEndpointId(endpointId);
        customer.getAcsResponse(enable);
    }

    /** A connection to the demo AWS service, accepted by its owner: its id once ACTIVE. */
    private static String activeAwsConnection(String api, String name) throws Exception {
        return activeAwsConnection(api, name, env.get("PLC_AWS_SERVICE_NAME"), env.get("PLC_AWS_SERVICE_ID"));
    }

    /** A connection to one of the customer's AWS services, accepted by its owner: its id once ACTIVE. */
    private static String activeAwsConnection(String api, String name, String serviceName, String serviceId)
            throws Exception {
        String id = send("POST", api, """
                {"privateLinkConnection": {"displayName": "%s", "type": "AWS_ENDPOINT_SERVICE",
                 "awsEndpointService": {"name": "%s"}}}""".formatted(name, serviceName), 200)
                .get("privateLinkConnectionId").asText();
        String endpointId = awaitState(api + "/" + id, "PENDING_ACCEPTANCE").path("awsEndpointService")
                .path("endpointId").asText();
        try (Ec2Client customer = customerEc2()) {
            customer.acceptVpcEndpointConnections(r -> r.serviceId(serviceId).vpcEndpointIds(endpointId));
        }
        awaitState(api + "/" + id, "ACTIVE");
        return id;
    }

    private static Ec2Client customerEc2() {
        return StackApi.customerEc2(env);
    }

    /** Every connection the list operation shows, page by page: id to state. */
    private static Map<String, String> listed(String api) throws IOException, InterruptedException {
        Map<String, String> states = new HashMap<>();
        String token = null;
        do {
            JsonNode page = get(api + "?pageSize=100" + (token == null ? "" : "&pageToken=" + token));
            page.get("privateLinkConnections").forEach(c -> states.put(c.get("privateLinkConnectionId").asText(),
                    c.get("state").asText()));
            token = page.hasNonNull("nextPageToken") ? page.get("nextPageToken").asText() : null;
        } while (token != null);
        return states;
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        return send("GET", url, null, 200);
    }

    private static int status(String url) throws IOException, InterruptedException {
        return HTTP.send(authorized(HttpRequest.newBuilder(URI.create(url))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** API calls carry the stack's demo token; simulator calls ignore it. */
    private static HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + env.get("PLC_TOKEN"));
    }

    private static JsonNode send(String method, String url, String body, int expectedStatus)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(url))).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static String log() {
        try {
            return Files.readString(dataDir.resolve("stack.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
