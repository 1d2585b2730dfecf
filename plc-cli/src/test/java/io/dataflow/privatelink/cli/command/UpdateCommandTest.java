package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.command.CliHarness.Run;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.dataflow.privatelink.cli.command.Connections.CLUSTER;
import static io.dataflow.privatelink.cli.command.Connections.attachment;
import static io.dataflow.privatelink.cli.command.Connections.aws;
import static io.dataflow.privatelink.cli.command.Connections.domain;
import static io.dataflow.privatelink.cli.command.CreateCommandTest.json;
import static io.dataflow.privatelink.cli.command.StubApi.connection;
import static io.dataflow.privatelink.cli.command.StubApi.error;
import static io.dataflow.privatelink.cli.command.StubApi.ok;
import static io.dataflow.privatelink.contract.ConnectionState.ACTIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * {@code plc update}: flags or questions → one PATCH with the display name and its update mask; the answer
 * printed as {@code get -o human} prints a connection (this tool's contract, piped too: ticloud has no such
 * command); the API's refusals → exit codes as every command maps them.
 */
class UpdateCommandTest {

    private static final String PLC_1 = connection(CLUSTER, "plc-1");

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private final PrivateLinkConnection renamed = aws("plc-1", "orders-kafka-eu", ACTIVE, null, "vpce-0a1b2c3d4e5f67890",
            List.of(attachment("ad-1", "TIDBCLOUD_MANAGED", "u1.plc", domain("a.u1.plc", "ACTIVE"))));

    @Test
    void theConsolesCommandLineSendsExactlyThePatchBodyAndPrintsFieldRowsWhenPiped() throws Exception {
        cli.api.on("PATCH", PLC_1, ok(renamed));

        // the web console's equivalent command, word for word
        Run run = cli.run("plc", "update", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--display-name", "orders-kafka-eu");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        StubApi.Request sent = cli.api.only("PATCH", PLC_1);
        assertEquals(json("""
                {"privateLinkConnection": {"displayName": "orders-kafka-eu"}, "updateMask": "displayName"}"""),
                sent.json());
        assertEquals("application/json", sent.header("Content-Type"));
        assertEquals("Bearer " + CliHarness.TOKEN, sent.header("Authorization"));
        assertEquals(List.of("PATCH " + PLC_1), cli.api.paths(), "one request, nothing else");
        // not a ticloud command: its own human output when piped, get's rows without a header
        assertEquals("ID\tplc-1", run.lines().get(0), run.toString());
        assertTrue(run.lines().contains("Name\torders-kafka-eu"), run.toString());
        assertTrue(run.lines().contains("ad-1\tTIDBCLOUD_MANAGED\tu1.plc\ta.u1.plc\tACTIVE\t"), "the attachments: " + run);
        assertEquals("", run.stderr());
    }

    @Test
    void ticloudsPathWorksAndATerminalGetsGetsTable() {
        cli.api.on("PATCH", PLC_1, ok(renamed));
        cli.onTerminal(120);

        Run run = cli.run("serverless", "private-link-connection", "update", "-c", CLUSTER,
                "--private-link-connection-id", "plc-1", "--display-name", "orders-kafka-eu", "--no-color");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.lines().get(0).matches("Field\\s+Value"), run.toString());
        assertTrue(run.lines().contains("Name        orders-kafka-eu"), run.toString());
    }

    @Test
    void jsonIsTheApisAnswerAsItCameFieldsThisBuildDoesNotKnowIncluded() throws Exception {
        String answer = """
                {"privateLinkConnectionId": "plc-1", "clusterId": "%s", "displayName": "orders-kafka-eu",
                 "state": "ACTIVE", "type": "AWS_ENDPOINT_SERVICE", "renameCount": 2}""".formatted(CLUSTER);
        cli.api.on("PATCH", PLC_1, ok(answer));

        Run run = cli.run("plc", "update", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--display-name", "orders-kafka-eu", "-o", "json");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(PlcApi.JSON.readTree(answer), run.json());
    }

    @Test
    void onATerminalEachMissingValueIsAsked() throws Exception {
        cli.onTerminal(120).stdin(CLUSTER, "plc-1", "", "orders-kafka-eu");
        cli.api.on("PATCH", PLC_1, ok(renamed));

        Run run = cli.run("plc", "update", "--no-color");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.stdout().startsWith("Cluster id: Connection id: New display name: "
                + "  must not be empty\nNew display name: Field "), run.toString());
        assertEquals(json("""
                {"privateLinkConnection": {"displayName": "orders-kafka-eu"}, "updateMask": "displayName"}"""),
                cli.api.only("PATCH", PLC_1).json());
    }

    static Stream<Arguments> missingFlags() {
        // each: whether stdin and stdout are a terminal, the flags, what the error says
        return Stream.of(
                argumentSet("piped, no name", false, List.of("-c", CLUSTER, "--private-link-connection-id", "plc-1"),
                        "missing required option --display-name"),
                argumentSet("a terminal, but a key flag given: a script's command line", true,
                        List.of("-c", CLUSTER, "--private-link-connection-id", "plc-1"),
                        "missing required option --display-name"),
                argumentSet("piped, no id", false, List.of("-c", CLUSTER, "--display-name", "x"),
                        "missing required option --private-link-connection-id"),
                argumentSet("an empty name is a missing one", false,
                        List.of("-c", CLUSTER, "--private-link-connection-id", "plc-1", "--display-name", ""),
                        "missing required option --display-name"));
    }

    @ParameterizedTest
    @MethodSource("missingFlags")
    void aMissingFlagIsAUsageErrorThatSendsNothing(boolean terminal, List<String> flags, String message) {
        if (terminal) {
            cli.onTerminal(120).stdin("would-be-answer");
        }
        List<String> args = new ArrayList<>(List.of("plc", "update"));
        args.addAll(flags);

        Run run = cli.run(args.toArray(String[]::new));

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: " + message), run.toString());
        assertTrue(run.stderr().endsWith("See 'plc private-link-connection update --help'.\n"), run.toString());
        assertEquals("", run.stdout(), "no question, no output");
        assertEquals(List.of(), cli.api.requests());
    }

    @ParameterizedTest(name = "HTTP {0}, {2} → exit {3}")
    @CsvSource({
            "400, 3, INVALID_ARGUMENT, 1, displayName must be at most 64 characters",
            "400, 3, INVALID_ARGUMENT, 1, updateMask may only name displayName",
            "400, 9, FAILED_PRECONDITION, 1, private link connection plc-1 is being deleted",
            "404, 5, NOT_FOUND, 1, private link connection plc-1 not found",
            "403, 7, PERMISSION_DENIED, 4, viewers may not rename connections",
            "401, 16, UNAUTHENTICATED, 4, the bearer token is not valid"})
    void theApisRefusalIsItsCodeAndMessageWithTheExitCodeEveryCommandGivesIt(int status, int code, String name,
                                                                              int exitCode, String message) {
        cli.api.on("PATCH", PLC_1, error(status, code, message));

        Run run = cli.run("plc", "update", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--display-name", "orders-kafka-eu");

        assertEquals(exitCode, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: " + name + " (code " + code + ", HTTP " + status + "): " + message),
                run.toString());
        assertEquals("", run.stdout());
        assertEquals(1, cli.api.requests().size(), "a refusal is not sent again");
    }

    @Test
    void anUnavailableApiIsAskedAgainSinceTheSameNameTwiceIsTheSameConnection() {
        cli.api.on("PATCH", PLC_1, error(503, 14, "try again"), ok(renamed));

        Run run = cli.run("plc", "update", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--display-name", "orders-kafka-eu", "-o", "json");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(PlcApi.JSON.valueToTree(renamed), run.json());
        assertEquals(2, cli.api.requests("PATCH", PLC_1).size());
    }

    @Test
    void helpListsItAndSaysWhichOutputContractItKeeps() {
        Run verbs = cli.run("plc", "--help");
        Run help = cli.run("plc", "update", "--help");

        assertTrue(verbs.stdout().lines().anyMatch(line -> line.strip().startsWith("update ")), verbs.toString());
        assertEquals(ExitCodes.OK, help.exitCode(), help.toString());
        assertTrue(help.stdout().startsWith("Usage: plc private-link-connection update "), help.toString());
        for (String text : List.of("--display-name", "--private-link-connection-id", "-c, --cluster-id",
                "not a ticloud command")) {
            assertTrue(help.stdout().contains(text), text + " in " + help);
        }
        assertEquals(List.of(), cli.api.requests());
    }
}
