package io.dataflow.privatelink.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.command.CliHarness.Run;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.dataflow.privatelink.cli.command.Connections.ALICLOUD_SERVICE;
import static io.dataflow.privatelink.cli.command.Connections.AWS_SERVICE;
import static io.dataflow.privatelink.cli.command.Connections.CLUSTER;
import static io.dataflow.privatelink.cli.command.Connections.alicloud;
import static io.dataflow.privatelink.cli.command.Connections.aws;
import static io.dataflow.privatelink.cli.command.StubApi.connection;
import static io.dataflow.privatelink.cli.command.StubApi.connections;
import static io.dataflow.privatelink.cli.command.StubApi.error;
import static io.dataflow.privatelink.cli.command.StubApi.ok;
import static io.dataflow.privatelink.contract.ConnectionState.ACTIVE;
import static io.dataflow.privatelink.contract.ConnectionState.CREATING;
import static io.dataflow.privatelink.contract.ConnectionState.FAILED;
import static io.dataflow.privatelink.contract.ConnectionState.PENDING_ACCEPTANCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plc create}: flags or questions → the create request; its answer, or {@code --wait}'s end, → output and exit code. */
class CreateCommandTest {

    private static final String ENDPOINT = "vpce-0a1b2c3d4e5f67890";

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    @Test
    void ticloudsPathAndFlagsSendOneCreateWithAFreshIdempotencyKeyAndPrintTheAnswersJson() throws Exception {
        PrivateLinkConnection answer = aws("plc-1", "orders-kafka", CREATING);
        cli.api.on("POST", connections(CLUSTER), ok(answer));
        String[] args = {"serverless", "private-link-connection", "create", "-c", CLUSTER, "--display-name", "orders-kafka",
                "--type", "AWS_ENDPOINT_SERVICE", "--aws.endpoint-service-name", AWS_SERVICE, "-o", "json"};

        Run run = cli.run(args);
        Run again = cli.run(args);

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(PlcApi.JSON.valueToTree(answer), run.json());
        List<StubApi.Request> sent = cli.api.requests("POST", connections(CLUSTER));
        assertEquals(2, sent.size(), cli.api.paths().toString());
        assertEquals(json("""
                {"privateLinkConnection": {"displayName": "orders-kafka", "type": "AWS_ENDPOINT_SERVICE",
                  "awsEndpointService": {"name": "%s"}}}""".formatted(AWS_SERVICE)), sent.get(0).json());
        assertEquals("Bearer " + CliHarness.TOKEN, sent.get(0).header("Authorization"));
        String key = sent.get(0).header("Idempotency-Key");
        assertEquals(key, UUID.fromString(key).toString(), "a UUID");
        assertNotEquals(key, sent.get(1).header("Idempotency-Key"), "each create its own key");
        assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
    }

    @Test
    void theRegionFlagGoesWithTheServiceAndHumanOutputIsOneSentence() throws Exception {
        cli.api.on("POST", connections(CLUSTER), ok(aws("plc-1", "orders-kafka", CREATING)));

        Run run = cli.run("plc", "create", "-c", CLUSTER, "--display-name", "orders-kafka",
                "--aws.endpoint-service-name", AWS_SERVICE, "--aws.endpoint-service-region", "us-east-1", "-o", "human");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("Private link connection plc-1 (orders-kafka) is CREATING.\n", run.stdout());
        assertEquals(json("""
                {"privateLinkConnection": {"displayName": "orders-kafka", "type": "AWS_ENDPOINT_SERVICE",
                  "awsEndpointService": {"name": "%s", "region": "us-east-1"}}}""".formatted(AWS_SERVICE)),
                cli.api.only("POST", connections(CLUSTER)).json());
    }

    @Test
    void theOneAlibabaCloudServiceFlagImpliesTheTypeAndYamlIsPrinted() throws Exception {
        cli.api.on("POST", connections(CLUSTER), ok(alicloud("plc-2", "ali", CREATING)));

        Run run = cli.run("plc", "create", "-c", CLUSTER, "--display-name", "ali",
                "--alicloud.endpoint-service-name", ALICLOUD_SERVICE, "-o", "yaml");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.lines().contains("type: ALICLOUD_ENDPOINT_SERVICE"), run.toString());
        assertEquals(json("""
                {"privateLinkConnection": {"displayName": "ali", "type": "ALICLOUD_ENDPOINT_SERVICE",
                  "alicloudEndpointService": {"name": "%s"}}}""".formatted(ALICLOUD_SERVICE)),
                cli.api.only("POST", connections(CLUSTER)).json());
    }

    static Stream<List<String>> usageErrors() {
        // each: the flags, then a text the error must name
        return Stream.of(
                List.of("--display-name", "x", "--type", "GCP_SERVICE", "--aws.endpoint-service-name", AWS_SERVICE,
                        "--type"),
                List.of("--display-name", "x", "--aws.endpoint-service-name", "my-service",
                        "'my-service' is not an endpoint service name of AWS_ENDPOINT_SERVICE"),
                List.of("--aws.endpoint-service-name", AWS_SERVICE, "missing required option --display-name"),
                List.of("--display-name", "x", "missing required option --type"),
                List.of("--display-name", "x", "--type", "AWS_ENDPOINT_SERVICE", "--alicloud.endpoint-service-name",
                        ALICLOUD_SERVICE, "not the other cloud's flags"),
                List.of("--display-name", "x", "--aws.endpoint-service-name", AWS_SERVICE,
                        "--aws.endpoint-service-region", "mars-1", "is not an AWS region"),
                List.of("--display-name", "x", "--aws.endpoint-service-name", AWS_SERVICE, "-o", "xml",
                        "not an output format"),
                List.of("--display-name", "x", "--aws.endpoint-service-name", AWS_SERVICE, "--wait", "--timeout",
                        "soon", "is not a duration"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void aBadOrMissingFlagIsAUsageErrorThatSendsNothing(List<String> flagsThenMessage) {
        List<String> args = new ArrayList<>(List.of("plc", "create", "-c", CLUSTER));
        args.addAll(flagsThenMessage.subList(0, flagsThenMessage.size() - 1));
        String named = flagsThenMessage.get(flagsThenMessage.size() - 1);

        Run run = cli.run(args.toArray(String[]::new));

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: ") && run.stderr().contains(named), run.toString());
        assertTrue(run.stderr().endsWith("See 'plc private-link-connection create --help'.\n"), run.toString());
        assertEquals("", run.stdout());
        assertEquals(List.of(), cli.api.requests(), "no request for a usage error");
    }

    @ParameterizedTest(name = "HTTP {0}, code {1} → exit {3}")
    @CsvSource({
            "400, 3, INVALID_ARGUMENT, 1, displayName is too long",
            "409, 6, ALREADY_EXISTS, 1, a connection to this service exists",
            "403, 7, PERMISSION_DENIED, 4, viewers may not create connections",
            "401, 16, UNAUTHENTICATED, 4, the bearer token is not valid"})
    void theApisRefusalIsErrorWithItsCodeAndMessageAndTheExitCodeForIt(int status, int code, String name, int exitCode,
                                                                        String message) {
        cli.api.on("POST", connections(CLUSTER), error(status, code, message));

        Run run = cli.run("plc", "create", "-c", CLUSTER, "--display-name", "x", "--aws.endpoint-service-name", AWS_SERVICE);

        assertEquals(exitCode, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: " + name + " (code " + code + ", HTTP " + status + "): " + message),
                run.toString());
        assertEquals(code == 16, run.stderr().contains("set PLC_TOKEN"), "how to fix a bad token, only then: " + run);
        assertEquals("", run.stdout());
        assertEquals(1, cli.api.requests().size(), "a refusal is not retried");
    }

    @Test
    void onATerminalEveryMissingValueIsAskedUntilItIsValid() throws Exception {
        cli.onTerminal(120).stdin(CLUSTER, "asked-for", "1", "not-a-service", AWS_SERVICE);
        cli.api.on("POST", connections(CLUSTER), ok(aws("plc-9", "asked-for", CREATING)));

        Run run = cli.run("plc", "create", "--no-color"); // a flag that names nothing keeps it interactive

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("Cluster id: Display name: Connection type:\n"
                + "  1) AWS_ENDPOINT_SERVICE\n"
                + "  2) ALICLOUD_ENDPOINT_SERVICE\n"
                + "Choose 1-2: Endpoint service name: "
                + "  'not-a-service' is not an endpoint service name of AWS_ENDPOINT_SERVICE; expected e.g. " + AWS_SERVICE + "\n"
                + "Endpoint service name: Private link connection plc-9 (asked-for) is CREATING.\n", run.stdout());
        assertEquals(json("""
                {"privateLinkConnection": {"displayName": "asked-for", "type": "AWS_ENDPOINT_SERVICE",
                  "awsEndpointService": {"name": "%s"}}}""".formatted(AWS_SERVICE)),
                cli.api.only("POST", connections(CLUSTER)).json());
    }

    @Test
    void aChoiceMayBeAnsweredByName() throws Exception {
        cli.onTerminal(120).stdin(CLUSTER, "ali", "ALICLOUD_ENDPOINT_SERVICE", ALICLOUD_SERVICE);
        cli.api.on("POST", connections(CLUSTER), ok(alicloud("plc-2", "ali", CREATING)));

        Run run = cli.run("plc", "create");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("ALICLOUD_ENDPOINT_SERVICE",
                cli.api.only("POST", connections(CLUSTER)).json().path("privateLinkConnection").path("type").asText());
    }

    @Test
    void aCommandLineWithAKeyFlagIsAScriptsAndIsNotAskedAnything() {
        cli.onTerminal(120).stdin("would-be-answer");

        Run run = cli.run("plc", "create", "-c", CLUSTER);

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: missing required option --display-name"), run.toString());
        assertEquals("", run.stdout(), "no question");
        assertEquals(List.of(), cli.api.requests());
    }

    @Test
    void noInputOnATerminalAsksNothing() {
        cli.onTerminal(120).stdin(CLUSTER);

        Run run = cli.run("--no-input", "plc", "create");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: missing required option --cluster-id"), run.toString());
        assertEquals("", run.stdout());
    }

    @Test
    void theEndOfInputWhileAskingIsAUsageError() {
        cli.onTerminal(120).stdin(CLUSTER);

        Run run = cli.run("plc", "create");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertEquals("Error: no answer (end of input)\n", run.stderr());
        assertEquals(List.of(), cli.api.requests());
    }

    @Test
    void waitFollowsTheStatusStreamToActiveShowingEachTransitionAndWhatTheOwnerMustDo() throws Exception {
        cli.api.on("POST", connections(CLUSTER), ok(aws("plc-1", "orders-kafka", CREATING)));
        PrivateLinkConnection active = aws("plc-1", "orders-kafka", ACTIVE, null, ENDPOINT, null);
        cli.api.on("GET", connection(CLUSTER, "plc-1") + ":watch", StubApi.stream(
                Sse.snapshot(1, aws("plc-1", "orders-kafka", CREATING)),
                Sse.heartbeat(),
                Sse.snapshot(2, aws("plc-1", "orders-kafka", PENDING_ACCEPTANCE, null, ENDPOINT, null)),
                Sse.snapshot(3, aws("plc-1", "orders-kafka", PENDING_ACCEPTANCE, null, ENDPOINT, null)),
                Sse.snapshot(4, active)));

        Run run = cli.run("plc", "create", "-c", CLUSTER, "--display-name", "orders-kafka",
                "--aws.endpoint-service-name", AWS_SERVICE, "--wait", "--timeout", "20s", "-o", "json");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(PlcApi.JSON.valueToTree(active), run.json(), "the final state on stdout");
        assertEquals("""
                Private link connection plc-1 created; waiting for ACTIVE
                [t] CREATING
                [t] PENDING_ACCEPTANCE
                next: accept endpoint %1$s in your endpoint service vpce-svc-0123456789abcdef0 (AWS account that owns it):
                  aws ec2 accept-vpc-endpoint-connections --region us-east-1 --service-id vpce-svc-0123456789abcdef0 --vpc-endpoint-ids %1$s
                [t] ACTIVE
                """.formatted(ENDPOINT), run.progress(), "each change once, the next step once");
        StubApi.Request watch = cli.api.only("GET", connection(CLUSTER, "plc-1") + ":watch");
        assertEquals("text/event-stream", watch.header("Accept"));
        assertEquals("Bearer " + CliHarness.TOKEN, watch.header("Authorization"));
    }

    @Test
    void waitEndsWithExit5WhenTheConnectionFails() {
        cli.api.on("POST", connections(CLUSTER), ok(aws("plc-1", "orders-kafka", CREATING)));
        cli.api.on("GET", connection(CLUSTER, "plc-1") + ":watch", StubApi.streamThenHold(
                Sse.snapshot(1, aws("plc-1", "orders-kafka", CREATING)),
                Sse.snapshot(2, aws("plc-1", "orders-kafka", FAILED, "the endpoint service rejected the endpoint",
                        ENDPOINT, null))));

        Run run = cli.run("plc", "create", "-c", CLUSTER, "--display-name", "orders-kafka",
                "--aws.endpoint-service-name", AWS_SERVICE, "--wait", "--timeout", "20s");

        assertEquals(ExitCodes.FAILED, run.exitCode(), run.toString());
        assertTrue(run.stderr().endsWith("Error: plc-1 FAILED: the endpoint service rejected the endpoint\n"), run.toString());
        assertEquals("", run.stdout());
    }

    @Test
    void waitEndsWithExit3AtTheTimeout() {
        cli.api.on("POST", connections(CLUSTER), ok(aws("plc-1", "orders-kafka", CREATING)));
        cli.api.on("GET", connection(CLUSTER, "plc-1") + ":watch", StubApi.streamThenHold(
                Sse.snapshot(1, aws("plc-1", "orders-kafka", PENDING_ACCEPTANCE, null, ENDPOINT, null))));

        Run run = cli.run("plc", "create", "-c", CLUSTER, "--display-name", "orders-kafka",
                "--aws.endpoint-service-name", AWS_SERVICE, "--wait", "--timeout", "PT2S");

        assertEquals(ExitCodes.TIMED_OUT, run.exitCode(), run.toString());
        assertTrue(run.stderr().endsWith("Error: timed out before a final state (--timeout)\n"), run.toString());
        assertTrue(run.stderr().contains("] PENDING_ACCEPTANCE\n"), "what it saw before: " + run);
    }

    static JsonNode json(String text) throws Exception {
        return PlcApi.JSON.readTree(text);
    }
}
