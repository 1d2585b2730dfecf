package io.dataflow.privatelink.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.privatelink.deploy.CliRunner.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI driven as a user drives it, against the running local stack, for what only the stack shows: that
 * the real API takes each command's requests and the CLI reads its answers and status streams; that a
 * connection reaches ACTIVE through the real workers once the simulated cloud's owner accepts; that the
 * profile {@code deploy/local/run} wrote works as it is; that a real pseudo-terminal ({@code script}) is
 * detected as one. {@code ./plc} runs in processes of its own with nothing but that profile. What each
 * command does with its flags, questions, output formats and exit codes is tested command by command in
 * plc-cli ({@code cli/command/*CommandTest}, against a scripted API and test terminal).
 */
class CliIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed run keeps its logs/ for diagnosis
    static Path dataDir;

    @RegisterExtension
    final ServiceErrorsOnFailure serviceErrors = new ServiceErrorsOnFailure(() -> dataDir);

    static StackApi api;
    static CliRunner plc;
    static String awsCluster;

    @BeforeAll
    static void startStack() throws Exception {
        api = StackApi.start(dataDir, List.of());
        plc = new CliRunner(LocalStackIT.ROOT, dataDir.resolve("plc-config.json"));
        awsCluster = api.env.get("PLC_AWS_CLUSTER_ID");
    }

    @AfterAll
    static void stopStack() {
        if (api != null) {
            api.stack.close();
        }
    }

    @Test
    void aConnectionsWholeLifeThroughEveryCommandAgainstTheRealStack() throws Exception {
        // ticloud's command path and flags; --wait follows the live status until the owner accepts
        Process create = plc.start("serverless", "private-link-connection", "create", "-c", awsCluster,
                "--display-name", "orders-kafka", "--type", "AWS_ENDPOINT_SERVICE",
                "--aws.endpoint-service-name", api.env.get("PLC_AWS_SERVICE_NAME"), "--wait", "--timeout", "120s", "-o", "json");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread outReader = CliRunner.copy(create.getInputStream(), stdout);
        Thread errReader = CliRunner.copy(create.getErrorStream(), stderr);
        Pattern hint = Pattern.compile("--vpc-endpoint-ids (vpce-[0-9a-f]+)");
        String endpoint;
        try {
            endpoint = await().atMost(Duration.ofSeconds(60)).until(() -> {
                Matcher m = hint.matcher(stderr.toString(StandardCharsets.UTF_8));
                return m.find() ? m.group(1) : null;
            }, found -> found != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            create.destroyForcibly();
            throw new AssertionError("no next step shown; stderr:\n" + stderr.toString(StandardCharsets.UTF_8), e);
        }
        assertTrue(create.isAlive(), "create --wait goes on waiting at PENDING_ACCEPTANCE");

        // the read commands while it waits
        JsonNode pending = json(ok(plc.run("s", "plc", "describe", "-c", awsCluster, "--private-link-connection-id",
                idIn(stderr))));
        String id = pending.path("privateLinkConnectionId").asText();
        assertEquals("PENDING_ACCEPTANCE", pending.path("state").asText());
        assertEquals(endpoint, pending.path("awsEndpointService").path("endpointId").asText());
        JsonNode listed = json(ok(plc.run("private-link", "list", "-c", awsCluster, "--state", "PENDING_ACCEPTANCE", "-o", "json")));
        assertTrue(listed.path("privateLinkConnections").findValuesAsText("privateLinkConnectionId").contains(id));
        // rename: the API's PATCH, and the read side shows the new name (with the deadline while it waits)
        ok(plc.run("plc", "update", "-c", awsCluster, "--private-link-connection-id", id, "--display-name", "orders-eu"));
        JsonNode renamed = json(ok(plc.run("plc", "get", "-c", awsCluster, "--private-link-connection-id", id)));
        assertEquals("orders-eu", renamed.path("displayName").asText(), renamed.toString());
        assertFalse(renamed.path("acceptanceDeadline").asText().isBlank(), renamed.toString());
        JsonNode quota = json(ok(plc.run("plc", "quota", "-c", awsCluster, "-o", "json")));
        assertTrue(quota.path("cluster").path("used").asInt() >= 1
                && quota.path("cluster").path("limit").asInt() >= quota.path("cluster").path("used").asInt(), quota.toString());
        JsonNode zones = json(ok(plc.run("plc", "zones", "-c", awsCluster)));
        assertEquals(api.env.get("PLC_AWS_PLATFORM_ACCOUNT_ID"), zones.path("accountId").asText());
        assertTrue(zones.path("azIds").size() > 0);

        accept(endpoint);
        assertTrue(create.waitFor(60, TimeUnit.SECONDS), "create --wait ends once ACTIVE");
        outReader.join();
        errReader.join();
        String progress = stderr.toString(StandardCharsets.UTF_8);
        assertEquals(0, create.exitValue(), progress);
        JsonNode active = JSON.readTree(stdout.toString(StandardCharsets.UTF_8));
        assertEquals(id, active.path("privateLinkConnectionId").asText());
        assertEquals("ACTIVE", active.path("state").asText());
        int pendingAt = progress.indexOf("s] PENDING_ACCEPTANCE");
        int activeAt = progress.indexOf("s] ACTIVE");
        assertTrue(pendingAt > 0 && activeAt > pendingAt, "each transition with its elapsed time, in order:\n" + progress);
        assertTrue(progress.contains("aws ec2 accept-vpc-endpoint-connections --region us-east-1 --service-id "
                + api.env.get("PLC_AWS_SERVICE_ID")), "the exact command to accept: " + progress);

        // domains: the dry run's name, attached and detached through the real workers
        JsonNode dryRun = json(ok(plc.run("plc", "attach-domains", "-c", awsCluster, "--private-link-connection-id", id,
                "--type", "TIDBCLOUD_MANAGED", "--dry-run", "-o", "json")));
        String unique = dryRun.path("uniqueName").asText();
        assertTrue(dryRun.path("domains").size() > 0, dryRun.toString());
        JsonNode attached = json(ok(plc.run("plc", "attach-domains", "-c", awsCluster, "--private-link-connection-id", id,
                "--type", "TIDBCLOUD_MANAGED", "--unique-name", unique, "--wait", "--timeout", "90s", "-o", "json")));
        String attachId = attached.path("attachDomainId").asText();
        assertEquals(dryRun.path("domains").size(), attached.path("domains").size(), attached.toString());
        attached.path("domains").forEach(d -> assertEquals("ACTIVE", d.path("state").asText(), attached.toString()));

        // connectivity: through the endpoint to the demo's real Kafka broker, whose advertised name the managed
        // domain does not cover: the test runs, one check fails, exit 6 with what to set
        String kafkaPort = api.env.get("PLC_DEMO_KAFKA_PORT");
        Result tested = plc.run("plc", "test-connectivity", "-c", awsCluster, "--private-link-connection-id", id,
                "--port", kafkaPort, "--kafka");
        assertEquals(6, tested.exitCode(), tested.toString());
        assertTrue(tested.stdout().lines().anyMatch(l -> l.startsWith("PASS\tTCP_CONNECT\t") && l.contains(unique)),
                "TCP through the endpoint to the broker, by the attached domain: " + tested);
        assertTrue(tested.stdout().lines().anyMatch(l -> l.startsWith("FAIL\tKAFKA_ADVERTISED_HOST\tb1.use1-az1."
                + api.env.get("PLC_DEMO_KAFKA_DOMAIN")) && l.contains("which no attached domain covers")), tested.toString());
        assertTrue(tested.stdout().contains("advice: Set the broker's advertised.listeners to a name under an attached"
                + " domain"), tested.toString());
        JsonNode last = json(ok(plc.run("plc", "get", "-c", awsCluster, "--private-link-connection-id", id)))
                .path("connectivityTest");
        assertEquals("FAILED", last.path("state").asText(), last.toString());

        Result watched = ok(plc.run("plc", "watch", "-c", awsCluster, "--timeout", "3s", "-o", "json"));
        boolean sawIt = false;
        for (String line : watched.stdout().lines().toList()) {
            JsonNode event = JSON.readTree(line);
            sawIt |= id.equals(event.path("data").path("privateLinkConnectionId").asText());
        }
        assertTrue(sawIt, "watch starts with each connection's current state: " + watched);

        ok(plc.run("plc", "detach-domains", "-c", awsCluster, "--private-link-connection-id", id,
                "--attach-domain-id", attachId, "--wait", "--timeout", "90s"));
        JsonNode afterDetach = json(ok(plc.run("plc", "get", "-c", awsCluster, "--private-link-connection-id", id)));
        assertTrue(afterDetach.path("attachedDomains").findValuesAsText("attachDomainId").isEmpty(), afterDetach.toString());

        JsonNode history = json(ok(plc.run("plc", "history", "-c", awsCluster, "--private-link-connection-id", id, "-o", "json")));
        List<String> states = history.path("stateChanges").findValuesAsText("state");
        assertTrue(states.containsAll(List.of("CREATING", "PENDING_ACCEPTANCE", "ACTIVE")), history.toString());

        ok(plc.run("plc", "rm", "-c", awsCluster, "--private-link-connection-id", id, "--force", "--wait", "--timeout", "90s"));
        Result gone = plc.run("plc", "get", "-c", awsCluster, "--private-link-connection-id", id);
        assertEquals(1, gone.exitCode(), gone.toString());
        assertTrue(gone.stderr().startsWith("Error: NOT_FOUND (code 5"), "the real API's error, read: " + gone);

        // Alibaba Cloud: the other body shape, the type implied by the one service flag given
        Result alicloud = ok(plc.run("plc", "create", "-c", api.env.get("PLC_ALICLOUD_CLUSTER_ID"), "--display-name", "ali",
                "--alicloud.endpoint-service-name", api.env.get("PLC_ALICLOUD_SERVICE_NAME"), "-o", "yaml"));
        assertTrue(alicloud.stdout().contains("type: ALICLOUD_ENDPOINT_SERVICE"), alicloud.toString());
    }

    @Test
    void aRealTerminalIsDetectedAsOneAndAPipeIsNot() throws Exception {
        String id = json(ok(plc.run("plc", "create", "-c", awsCluster, "--display-name", "tabular",
                "--aws.endpoint-service-name", api.env.get("PLC_AWS_SERVICE_NAME"), "-o", "json")))
                .path("privateLinkConnectionId").asText();

        // piped: ticloud's JSON (keys sorted, no colour); -o wide: this tool's tab-separated rows, no header
        Result piped = ok(plc.run("plc", "list", "-c", awsCluster));
        assertTrue(json(piped).findValuesAsText("privateLinkConnectionId").contains(id), piped.toString());
        assertFalse(piped.stdout().contains("\u001b["), "no colour: " + piped);
        Result wide = ok(plc.run("plc", "list", "-c", awsCluster, "-o", "wide"));
        String row = wide.stdout().lines().filter(line -> line.startsWith(id)).findFirst().orElseThrow(() ->
                new AssertionError("no row for " + id + ": " + wide));
        assertTrue(row.split("\t").length > 5, "tab-separated: " + row);
        assertFalse(wide.stdout().contains("CreateTime") || wide.stdout().contains("\u001b["), "no header, no colour: " + wide);

        Result terminal = plc.inTerminal("plc list -c " + awsCluster, new LinkedHashMap<>(), Duration.ofSeconds(60));
        assertEquals(0, terminal.exitCode(), terminal.toString());
        assertTrue(terminal.stdout().contains("ID") && terminal.stdout().contains("CreateTime"), "a header: " + terminal);
        assertTrue(Pattern.compile("\u001b\\[3\\dm(CREATING|PENDING_ACCEPTANCE)").matcher(terminal.stdout()).find(),
                "a coloured state badge: " + terminal);

        // stdin a terminal too: delete asks, and "n" keeps the connection
        LinkedHashMap<String, String> no = new LinkedHashMap<>();
        no.put("[y/N]:", "n");
        Result kept = plc.inTerminal("plc delete -c " + awsCluster + " --private-link-connection-id " + id, no,
                Duration.ofSeconds(60));
        assertEquals(1, kept.exitCode(), kept.toString());
        ok(plc.run("plc", "get", "-c", awsCluster, "--private-link-connection-id", id));
    }

    @Test
    void theStacksProfileIsOwnerOnlyAndListedWithoutItsToken() throws Exception {
        Path config = dataDir.resolve("plc-config.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        Result profiles = ok(plc.run("config", "list"));
        assertTrue(profiles.stdout().contains("* local\t" + api.env.get("PLC_API") + "\ttoken set"), profiles.toString());
        String token = api.env.get("PLC_TOKEN");
        assertFalse(profiles.stdout().contains(token) || profiles.stderr().contains(token), "the token is never printed");
    }

    /** The connection id in create's first line on stderr ("Private link connection <id> created; …"). */
    private static String idIn(ByteArrayOutputStream stderr) {
        Matcher created = Pattern.compile("Private link connection (\\S+) created").matcher(stderr.toString(StandardCharsets.UTF_8));
        assertTrue(created.find(), stderr.toString(StandardCharsets.UTF_8));
        return created.group(1);
    }

    private static void accept(String endpointId) {
        try (Ec2Client owner = api.customerEc2()) {
            owner.acceptVpcEndpointConnections(r -> r.serviceId(api.env.get("PLC_AWS_SERVICE_ID")).vpcEndpointIds(endpointId));
        }
    }

    private static Result ok(Result result) {
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    private static JsonNode json(Result result) throws Exception {
        return JSON.readTree(result.stdout());
    }
}
