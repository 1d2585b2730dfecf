package io.dataflow.privatelink.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dataflow.privatelink.deploy.CliRunner.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI driven as a user drives it, against the running local stack: {@code ./plc} in processes of its
 * own, with nothing but the profile {@code deploy/local/run} wrote; JSON output parsed; a pseudo-terminal
 * ({@code script}) where a terminal matters; the simulated cloud's owner API to accept and reject.
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
    void everyCommandWorksNonInteractivelyWithItsJsonParsed() throws Exception {
        // ticloud's command path and flags, the type given explicitly
        JsonNode created = json(ok(plc.run("serverless", "private-link-connection", "create", "-c", awsCluster,
                "--display-name", "orders-kafka", "--type", "AWS_ENDPOINT_SERVICE",
                "--aws.endpoint-service-name", api.env.get("PLC_AWS_SERVICE_NAME"), "-o", "json")));
        String id = created.path("privateLinkConnectionId").asText();
        assertEquals("orders-kafka", created.path("displayName").asText());

        JsonNode pending = json(ok(plc.run("plc", "wait", "-c", awsCluster, "--private-link-connection-id", id,
                "--for", "state=PENDING_ACCEPTANCE", "--timeout", "60s", "-o", "json")));
        assertEquals("PENDING_ACCEPTANCE", pending.path("state").asText());
        JsonNode got = json(ok(plc.run("s", "plc", "describe", "-c", awsCluster, "--private-link-connection-id", id)));
        assertEquals(id, got.path("privateLinkConnectionId").asText(), "get prints JSON by default, as ticloud does");
        JsonNode listed = json(ok(plc.run("private-link", "list", "-c", awsCluster, "--state", "PENDING_ACCEPTANCE", "-o", "json")));
        assertTrue(listed.path("privateLinkConnections").findValuesAsText("privateLinkConnectionId").contains(id));
        JsonNode zones = json(ok(plc.run("plc", "zones", "-c", awsCluster)));
        assertEquals(api.env.get("PLC_AWS_PLATFORM_ACCOUNT_ID"), zones.path("accountId").asText());
        assertTrue(zones.path("azIds").size() > 0);

        accept(pending.path("awsEndpointService").path("endpointId").asText());
        ok(plc.run("plc", "wait", "-c", awsCluster, "--private-link-connection-id", id, "--for", "state=ACTIVE", "--timeout", "60s"));

        JsonNode dryRun = json(ok(plc.run("plc", "attach-domains", "-c", awsCluster, "--private-link-connection-id", id,
                "--type", "TIDBCLOUD_MANAGED", "--dry-run", "-o", "json")));
        String unique = dryRun.path("uniqueName").asText();
        Result dryRunText = ok(plc.run("plc", "attach-domains", "-c", awsCluster, "--private-link-connection-id", id,
                "--type", "TIDBCLOUD_MANAGED", "--unique-name", unique, "--dry-run"));
        List<String> lines = dryRunText.stdout().lines().toList();
        assertEquals(unique, lines.get(0), "the dry run prints the unique name first");
        assertEquals(dryRun.path("domains").size(), lines.size() - 1, "then one domain per line: " + dryRunText);

        JsonNode attached = json(ok(plc.run("plc", "attach-domains", "-c", awsCluster, "--private-link-connection-id", id,
                "--type", "TIDBCLOUD_MANAGED", "--unique-name", unique, "--wait", "--timeout", "90s", "-o", "json")));
        String attachId = attached.path("attachDomainId").asText();
        assertTrue(attached.path("domains").size() > 0);
        attached.path("domains").forEach(d -> assertEquals("ACTIVE", d.path("state").asText(), attached.toString()));

        Result watched = ok(plc.run("plc", "watch", "-c", awsCluster, "--timeout", "3s", "-o", "json"));
        boolean sawIt = false;
        for (String line : watched.stdout().lines().toList()) {
            JsonNode event = JSON.readTree(line); // one JSON document per line
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
        assertTrue(gone.stderr().contains("NOT_FOUND"), gone.toString());

        // Alibaba Cloud, the type implied by the one service flag given, YAML out
        Result alicloud = ok(plc.run("plc", "create", "-c", api.env.get("PLC_ALICLOUD_CLUSTER_ID"), "--display-name", "ali",
                "--alicloud.endpoint-service-name", api.env.get("PLC_ALICLOUD_SERVICE_NAME"), "-o", "yaml"));
        assertTrue(alicloud.stdout().contains("type: ALICLOUD_ENDPOINT_SERVICE"), alicloud.toString());
    }

    @Test
    void createWaitFollowsTheLiveStatusToActiveOnceTheOwnerAccepts() throws Exception {
        Process create = plc.start("plc", "create", "-c", awsCluster, "--display-name", "waits",
                "--aws.endpoint-service-name", api.env.get("PLC_AWS_SERVICE_NAME"), "--wait", "--timeout", "120s", "-o", "json");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                create.getErrorStream().transferTo(stderr);
            } catch (java.io.IOException ignored) {
                // ended
            }
        });
        reader.start();
        Thread outReader = new Thread(() -> {
            try {
                create.getInputStream().transferTo(stdout);
            } catch (java.io.IOException ignored) {
                // ended
            }
        });
        outReader.start();
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
        accept(endpoint);
        assertTrue(create.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "create --wait ends once ACTIVE");
        reader.join();
        outReader.join();
        String progress = stderr.toString(StandardCharsets.UTF_8);
        assertEquals(0, create.exitValue(), progress);
        assertEquals("ACTIVE", JSON.readTree(stdout.toString(StandardCharsets.UTF_8)).path("state").asText());
        int pendingAt = progress.indexOf("s] PENDING_ACCEPTANCE");
        int activeAt = progress.indexOf("s] ACTIVE");
        assertTrue(pendingAt > 0 && activeAt > pendingAt, "each transition with its elapsed time, in order:\n" + progress);
        assertTrue(progress.contains("aws ec2 accept-vpc-endpoint-connections --region us-east-1 --service-id "
                + api.env.get("PLC_AWS_SERVICE_ID")), "the exact command to accept: " + progress);
    }

    @Test
    void exitCodesSayHowACommandEnded() throws Exception {
        Result missing = plc.run("plc", "get", "-c", awsCluster, "--private-link-connection-id", "plc-doesnotexist");
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.stderr().startsWith("Error: NOT_FOUND (code 5"), missing.toString());

        Result badFlag = plc.run("plc", "list", "-c", awsCluster, "--colour");
        assertEquals(2, badFlag.exitCode(), badFlag.toString());

        String pendingId = createAndAwait("times-out", "PENDING_ACCEPTANCE");
        Result timedOut = plc.run("plc", "wait", "-c", awsCluster, "--private-link-connection-id", pendingId,
                "--for", "state=ACTIVE", "--timeout", "3s");
        assertEquals(3, timedOut.exitCode(), timedOut.toString());

        Result unauthenticated = plc.with("PLC_TOKEN", "not-a-token").run("plc", "list", "-c", awsCluster);
        assertEquals(4, unauthenticated.exitCode(), unauthenticated.toString());
        assertTrue(unauthenticated.stderr().contains("UNAUTHENTICATED"), unauthenticated.toString());

        JsonNode rejected = api.get(api.awsConnections() + "/" + pendingId);
        try (Ec2Client owner = api.customerEc2()) {
            owner.rejectVpcEndpointConnections(r -> r.serviceId(api.env.get("PLC_AWS_SERVICE_ID"))
                    .vpcEndpointIds(rejected.path("awsEndpointService").path("endpointId").asText()));
        }
        Result failed = plc.run("plc", "wait", "-c", awsCluster, "--private-link-connection-id", pendingId,
                "--for", "state=ACTIVE", "--timeout", "60s");
        assertEquals(5, failed.exitCode(), failed.toString());
        assertTrue(failed.stderr().contains("FAILED"), failed.toString());
    }

    @Test
    void badFlagsAndBadValuesAreUsageErrorsThatSendNoRequest() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        try {
            CliRunner counted = plc.with("PLC_API", "http://127.0.0.1:" + server.getAddress().getPort());
            List<List<String>> usageErrors = List.of(
                    List.of("plc", "list", "-c", awsCluster, "--no-such-flag"),
                    List.of("plc", "create", "-c", awsCluster, "--display-name", "x", "--type", "GCP_SERVICE",
                            "--aws.endpoint-service-name", "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"),
                    List.of("plc", "create", "-c", awsCluster, "--display-name", "x", "--aws.endpoint-service-name", "my-service"),
                    List.of("plc", "list", "-c", awsCluster, "-o", "xml"),
                    List.of("plc", "wait", "-c", awsCluster, "--private-link-connection-id", "plc-x", "--for", "state=ACTIVE",
                            "--timeout", "soon"),
                    List.of("plc", "create", "-c", awsCluster, "--aws.endpoint-service-name",
                            "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"),
                    List.of("plc", "delete", "-c", awsCluster, "--private-link-connection-id", "plc-x"));
            for (List<String> args : usageErrors) {
                Result result = counted.run(args.toArray(String[]::new));
                assertEquals(2, result.exitCode(), args + ": " + result);
                assertTrue(result.stderr().startsWith("Error: "), args + ": " + result);
                assertTrue(result.stdout().isEmpty(), args + ": " + result);
            }
            Result delete = counted.run("plc", "delete", "-c", awsCluster, "--private-link-connection-id", "plc-x");
            assertTrue(delete.stderr().contains("pass --force"), "delete without a terminal says how: " + delete);
            assertEquals(0, requests.get(), "no usage error sends a request");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void pipedOutputIsPlainRowsWhileATerminalGetsATableWithColour() throws Exception {
        String id = createAndAwait("tabular", "PENDING_ACCEPTANCE");
        Result piped = ok(plc.run("plc", "list", "-c", awsCluster));
        String row = piped.stdout().lines().filter(line -> line.startsWith(id)).findFirst().orElseThrow(() ->
                new AssertionError("no row for " + id + ": " + piped));
        assertEquals(5, row.split("\t").length, "ID, Name, Type, State, CreateTime, tab-separated: " + row);
        assertFalse(piped.stdout().contains("CreateTime"), "no header when piped");
        assertFalse(piped.stdout().contains("\u001b["), "no colour when piped");
        assertEquals(11, ok(plc.run("plc", "list", "-c", awsCluster, "-o", "wide")).stdout().lines()
                .filter(line -> line.startsWith(id)).findFirst().orElseThrow().split("\t", -1).length);

        Result terminal = plc.inTerminal("plc list -c " + awsCluster, new LinkedHashMap<>(), Duration.ofSeconds(60));
        assertEquals(0, terminal.exitCode(), terminal.toString());
        assertTrue(terminal.stdout().contains("ID") && terminal.stdout().contains("CreateTime"), "a header: " + terminal);
        assertTrue(terminal.stdout().contains("\u001b[33mPENDING_ACCEPTANCE"), "a coloured state badge: " + terminal);
        Result noColor = plc.inTerminal("--no-color plc list -c " + awsCluster, new LinkedHashMap<>(), Duration.ofSeconds(60));
        assertFalse(noColor.stdout().contains("\u001b[33m"), noColor.toString());
        Result noColorEnv = plc.with("NO_COLOR", "1").inTerminal("plc list -c " + awsCluster, new LinkedHashMap<>(),
                Duration.ofSeconds(60));
        assertFalse(noColorEnv.stdout().contains("\u001b[33m"), noColorEnv.toString());
    }

    @Test
    void onATerminalCreateAsksForWhatIsMissingAndDeleteAsksForConfirmation() throws Exception {
        LinkedHashMap<String, String> answers = new LinkedHashMap<>();
        answers.put("Cluster id:", awsCluster);
        answers.put("Display name:", "asked-for");
        answers.put("Choose 1-2:", "1");
        answers.put("Endpoint service name:", "not-a-service");
        answers.put("is not an endpoint service name", api.env.get("PLC_AWS_SERVICE_NAME"));
        Result session = plc.inTerminal("plc create", answers, Duration.ofSeconds(90));
        assertEquals(0, session.exitCode(), session.toString());
        Matcher created = Pattern.compile("(plc-[a-z0-9]+) \\(asked-for\\) is CREATING").matcher(session.stdout());
        assertTrue(created.find(), session.toString());
        String id = created.group(1);

        LinkedHashMap<String, String> no = new LinkedHashMap<>();
        no.put("[y/N]:", "n");
        Result kept = plc.inTerminal("plc delete -c " + awsCluster + " --private-link-connection-id " + id, no,
                Duration.ofSeconds(60));
        assertEquals(1, kept.exitCode(), kept.toString());
        ok(plc.run("plc", "get", "-c", awsCluster, "--private-link-connection-id", id));

        LinkedHashMap<String, String> yes = new LinkedHashMap<>();
        yes.put("[y/N]:", "y");
        Result deleted = plc.inTerminal("plc delete -c " + awsCluster + " --private-link-connection-id " + id + " --wait",
                yes, Duration.ofSeconds(90));
        assertEquals(0, deleted.exitCode(), deleted.toString());
        assertEquals(1, plc.run("plc", "get", "-c", awsCluster, "--private-link-connection-id", id).exitCode());
    }

    @Test
    void completionOffersCommandsAndTheClustersConnectionIds() throws Exception {
        String id = createAndAwait("completed", "PENDING_ACCEPTANCE");
        Path script = dataDir.resolve("plc-completion.bash");
        Files.writeString(script, ok(plc.run("completion", "bash")).stdout());
        String verbs = complete(script, "plc plc cre", 2);
        assertTrue(verbs.contains("create"), verbs);
        String ids = complete(script, "plc plc get -c " + awsCluster + " --private-link-connection-id ", 6);
        assertTrue(ids.contains(id), "ids from the API: " + ids);
        Result names = ok(plc.run("__complete-ids", "-c", awsCluster));
        assertTrue(names.stdout().contains(id + "\tcompleted"), "each id with its name (shown by zsh): " + names);
        assertTrue(ok(plc.run("completion", "zsh")).stdout().contains("bashcompinit"));
    }

    @Test
    void theStacksProfileIsOwnerOnlyAndNoOutputShowsTheToken() throws Exception {
        Path config = dataDir.resolve("plc-config.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        String token = api.env.get("PLC_TOKEN");
        Result profiles = ok(plc.run("config", "list"));
        assertTrue(profiles.stdout().contains("* local") && profiles.stdout().contains(api.env.get("PLC_API")), profiles.toString());
        Result debug = ok(plc.run("plc", "list", "-c", awsCluster, "--debug"));
        assertTrue(debug.stderr().contains("debug: GET " + api.env.get("PLC_API")), debug.toString());
        for (Result result : List.of(profiles, debug)) {
            assertFalse(result.stdout().contains(token) || result.stderr().contains(token), "the token is never printed");
        }
    }

    private static String complete(Path script, String line, int wordIndex) throws Exception {
        String words = line.endsWith(" ") ? line + "''" : line;
        // compopt only works inside a completion the shell started: a no-op here
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "source " + script + "; compopt() { :; }; COMP_WORDS=(" + words
                + "); COMP_CWORD=" + wordIndex + "; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; _plc_complete;"
                + " printf '%s\\n' \"${COMPREPLY[@]}\"").directory(LocalStackIT.ROOT.toFile()).redirectErrorStream(true);
        // as installed: plc on the PATH, the stack's profile
        builder.environment().put("PATH", LocalStackIT.ROOT + ":" + System.getenv("PATH"));
        builder.environment().put("PLC_CONFIG", dataDir.resolve("plc-config.json").toString());
        Result result = CliRunner.finish(builder.start(), Duration.ofSeconds(60));
        return result.stdout();
    }

    private static String createAndAwait(String name, String state) throws Exception {
        String id = json(ok(plc.run("plc", "create", "-c", awsCluster, "--display-name", name,
                "--aws.endpoint-service-name", api.env.get("PLC_AWS_SERVICE_NAME"), "-o", "json")))
                .path("privateLinkConnectionId").asText();
        ok(plc.run("plc", "wait", "-c", awsCluster, "--private-link-connection-id", id, "--for", "state=" + state,
                "--timeout", "60s"));
        return id;
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
