package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.command.CliHarness.Run;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static io.dataflow.privatelink.cli.command.Connections.CLUSTER;
import static io.dataflow.privatelink.cli.command.Connections.attachment;
import static io.dataflow.privatelink.cli.command.Connections.aws;
import static io.dataflow.privatelink.cli.command.Connections.domain;
import static io.dataflow.privatelink.cli.command.Connections.with;
import static io.dataflow.privatelink.cli.command.StubApi.connection;
import static io.dataflow.privatelink.cli.command.StubApi.error;
import static io.dataflow.privatelink.cli.command.StubApi.ok;
import static io.dataflow.privatelink.contract.ConnectionState.ACTIVE;
import static io.dataflow.privatelink.contract.ConnectionState.FAILED;
import static io.dataflow.privatelink.contract.ConnectionState.PENDING_ACCEPTANCE;
import static io.dataflow.privatelink.contract.FailureReason.REJECTED_BY_OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plc get} (alias {@code describe}), and what every read shares: the API target, errors, --debug. */
class GetCommandTest {

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private final PrivateLinkConnection found = aws("plc-1", "orders-kafka", ACTIVE, null, "vpce-0a1b2c3d4e5f67890",
            List.of(attachment("ad-1", "TIDBCLOUD_MANAGED", "u1.plc", domain("a.u1.plc", "ACTIVE"))));

    @Test
    void ticloudsPathGetsTheConnectionWithTheTokenAndPrintsItsJsonByDefault() {
        cli.api.on("GET", connection(CLUSTER, "plc-1"), ok(found));

        Run run = cli.run("serverless", "private-link-connection", "describe", "-c", CLUSTER,
                "--private-link-connection-id", "plc-1");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(PlcApi.JSON.valueToTree(found), run.json(), "the API's JSON, as ticloud prints it");
        StubApi.Request request = cli.api.only("GET", connection(CLUSTER, "plc-1"));
        assertEquals("Bearer " + CliHarness.TOKEN, request.header("Authorization"));
        assertEquals("", run.stderr());
    }

    @Test
    void idsAreOnePathSegmentEach() {
        cli.api.on("GET", connection("a%2Fb", "plc%2F..%2F1"), ok(found));

        Run run = cli.run("plc", "get", "-c", "a/b", "--private-link-connection-id", "plc/../1");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(List.of("GET " + connection("a%2Fb", "plc%2F..%2F1")), cli.api.paths());
    }

    @Test
    void humanOutputOnATerminalIsTheFieldsThenTheAttachments() {
        cli.api.on("GET", connection(CLUSTER, "plc-1"), ok(found));
        cli.onTerminal(120);

        Run run = cli.run("plc", "get", "-c", CLUSTER, "--private-link-connection-id", "plc-1", "-o", "human",
                "--no-color");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        List<String> lines = run.lines();
        assertTrue(lines.get(0).matches("Field\\s+Value"), run.toString());
        assertTrue(lines.contains("EndpointId  vpce-0a1b2c3d4e5f67890"), run.toString());
        assertTrue(lines.stream().anyMatch(line -> line.matches("ad-1\\s+TIDBCLOUD_MANAGED\\s+u1\\.plc\\s+a\\.u1\\.plc\\s+ACTIVE")),
                "the attachments' table: " + run);
    }

    @Test
    void humanOutputNamesTheFailureReasonInAFewWordsAndNoDeadline() {
        cli.api.on("GET", connection(CLUSTER, "plc-1"), ok(with(aws("plc-1", "orders-kafka", FAILED,
                "the endpoint service rejected the endpoint", "vpce-0a1b2c3d4e5f67890", null), REJECTED_BY_OWNER, null)));

        Run run = cli.run("plc", "get", "-c", CLUSTER, "--private-link-connection-id", "plc-1", "-o", "human");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.lines().contains("Failure reason\tREJECTED_BY_OWNER: the endpoint service's owner rejected the"
                + " connection"), run.toString());
        assertTrue(run.lines().stream().noneMatch(line -> line.startsWith("Accept by")), run.toString());
    }

    @Test
    void humanOutputNamesTheAcceptanceDeadlineInLocalTimeAndFromNow() {
        Instant deadline = Instant.now().plus(Duration.ofDays(6)).plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        cli.api.on("GET", connection(CLUSTER, "plc-1"), ok(with(aws("plc-1", "orders-kafka", PENDING_ACCEPTANCE, null,
                "vpce-0a1b2c3d4e5f67890", null), null, deadline)));
        cli.onTerminal(120).env("TZ", "Asia/Kolkata"); // +05:30: a local time no UTC clock shows

        Run run = cli.run("plc", "get", "-c", CLUSTER, "--private-link-connection-id", "plc-1", "-o", "human",
                "--no-color");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        String local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                .format(deadline.atZone(ZoneId.of("Asia/Kolkata")));
        assertTrue(run.lines().contains("Accept by   " + local + " IST (in 6 days)"), run.toString());
        assertTrue(run.lines().stream().noneMatch(line -> line.startsWith("Failure reason")), run.toString());
    }

    @Test
    void jsonAndYamlCarryTheFieldsAsTheApiSentThemAndAnUnknownReasonReadsAsEndpointFailed() throws Exception {
        // a newer API: a failure reason this build does not know, a field it has never heard of, a deadline
        // with a fraction (not one of ticloud's model times: written as sent)
        String answer = """
                {"privateLinkConnectionId": "plc-1", "clusterId": "%s", "displayName": "orders-kafka",
                 "state": "FAILED", "message": "quota", "type": "AWS_ENDPOINT_SERVICE",
                 "failureReason": "ENDPOINT_QUOTA_REACHED", "acceptanceDeadline": "2026-12-08T10:00:00.100Z",
                 "retryable": {"after": "PT5M"}}""".formatted(CLUSTER);
        cli.api.on("GET", connection(CLUSTER, "plc-1"), ok(answer));

        Run json = cli.run("plc", "get", "-c", CLUSTER, "--private-link-connection-id", "plc-1");
        Run yaml = cli.run("plc", "get", "-c", CLUSTER, "--private-link-connection-id", "plc-1", "-o", "yaml");
        Run human = cli.run("plc", "get", "-c", CLUSTER, "--private-link-connection-id", "plc-1", "-o", "human");

        assertEquals(ExitCodes.OK, json.exitCode(), json.toString());
        assertEquals(PlcApi.JSON.readTree(answer), json.json());
        assertTrue(json.stdout().contains("\"acceptanceDeadline\": \"2026-12-08T10:00:00.100Z\""), json.toString());
        assertTrue(yaml.lines().containsAll(List.of("failureReason: ENDPOINT_QUOTA_REACHED",
                "acceptanceDeadline: 2026-12-08T10:00:00.100Z", "retryable:", "  after: PT5M")), yaml.toString());
        assertEquals(ExitCodes.OK, human.exitCode(), human.toString());
        assertTrue(human.lines().contains("Failure reason\tENDPOINT_FAILED: the cloud shows the endpoint failed"),
                "what the contract says an unknown code reads as: " + human);
    }

    @Test
    void yamlIsTheSameFields() {
        cli.api.on("GET", connection(CLUSTER, "plc-1"), ok(found));

        Run run = cli.run("plc", "get", "-c", CLUSTER, "--private-link-connection-id", "plc-1", "-o", "yaml");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.lines().contains("privateLinkConnectionId: plc-1"), run.toString());
        assertTrue(run.lines().contains("state: ACTIVE"), run.toString());
    }

    @Test
    void aMissingConnectionIsExit1WithTheApisCodeAndMessage() {
        cli.api.on("GET", connection(CLUSTER, "plc-x"), error(404, 5, "private link connection plc-x not found"));

        Run run = cli.run("plc", "get", "-c", CLUSTER, "--private-link-connection-id", "plc-x");

        assertEquals(ExitCodes.ERROR, run.exitCode(), run.toString());
        assertEquals("Error: NOT_FOUND (code 5, HTTP 404): private link connection plc-x not found\n", run.stderr());
        assertEquals("", run.stdout());
    }

    @Test
    void anErrorThatIsNotTheApisFormatIsShownAsItCame() {
        cli.api.on("GET", connection(CLUSTER, "plc-1"), StubApi.text(502, "Bad Gateway"));

        Run run = cli.run("plc", "get", "-c", CLUSTER, "--private-link-connection-id", "plc-1");

        assertEquals(ExitCodes.ERROR, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: ") && run.stderr().contains("HTTP 502): Bad Gateway"), run.toString());
    }

    @Test
    void anApiNobodyListensOnIsExit1SayingWhereItLooked() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        cli.env("PLC_API", "http://127.0.0.1:" + closedPort);

        Run run = cli.run("plc", "get", "-c", CLUSTER, "--private-link-connection-id", "plc-1");

        assertEquals(ExitCodes.ERROR, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: cannot reach the API at http://127.0.0.1:" + closedPort), run.toString());
        assertTrue(run.stderr().contains("is it running?"), run.toString());
    }

    @Test
    void noApiToTalkToIsAUsageErrorThatSaysWhatToSet() {
        cli.env("PLC_API", null);

        Run run = cli.run("plc", "get", "-c", CLUSTER, "--private-link-connection-id", "plc-1");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: no API to talk to: set PLC_API"), run.toString());
        assertEquals(List.of(), cli.api.requests());
    }

    @Test
    void debugShowsEachRequestAndATraceOnFailureButNeverTheToken() {
        cli.api.on("GET", connection(CLUSTER, "plc-1"), ok(found));
        cli.api.on("GET", connection(CLUSTER, "plc-x"), error(404, 5, "not found"));

        Run debug = cli.run("--debug", "plc", "get", "-c", CLUSTER, "--private-link-connection-id", "plc-1");
        Run failedDebug = cli.run("plc", "get", "-c", CLUSTER, "--private-link-connection-id", "plc-x", "-D");
        Run failedQuiet = cli.run("plc", "get", "-c", CLUSTER, "--private-link-connection-id", "plc-x");

        assertEquals(ExitCodes.OK, debug.exitCode(), debug.toString());
        assertTrue(debug.stderr().matches("debug: GET " + Pattern.quote(cli.api.base() + connection(CLUSTER, "plc-1"))
                + " -> 200 \\(\\d+ ms\\)\n"), debug.toString());
        assertTrue(failedDebug.stderr().contains("\tat io.dataflow.privatelink.cli."), "a stack trace: " + failedDebug);
        assertFalse(failedQuiet.stderr().contains("\tat "), "no stack trace without --debug: " + failedQuiet);
        for (Run run : List.of(debug, failedDebug, failedQuiet)) {
            assertFalse(run.stdout().contains(CliHarness.TOKEN) || run.stderr().contains(CliHarness.TOKEN),
                    "the token is never printed: " + run);
        }
    }
}
