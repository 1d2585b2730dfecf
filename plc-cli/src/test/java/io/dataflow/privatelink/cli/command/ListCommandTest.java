package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.command.CliHarness.Run;
import io.dataflow.privatelink.contract.api.ListPrivateLinkConnectionsResponse;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static io.dataflow.privatelink.cli.command.Connections.CLUSTER;
import static io.dataflow.privatelink.cli.command.Connections.attachment;
import static io.dataflow.privatelink.cli.command.Connections.aws;
import static io.dataflow.privatelink.cli.command.Connections.domain;
import static io.dataflow.privatelink.cli.command.Connections.with;
import static io.dataflow.privatelink.cli.command.StubApi.connection;
import static io.dataflow.privatelink.cli.command.StubApi.connections;
import static io.dataflow.privatelink.cli.command.StubApi.ok;
import static io.dataflow.privatelink.contract.ConnectionState.ACTIVE;
import static io.dataflow.privatelink.contract.ConnectionState.FAILED;
import static io.dataflow.privatelink.contract.ConnectionState.PENDING_ACCEPTANCE;
import static io.dataflow.privatelink.contract.FailureReason.REJECTED_BY_OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plc list} (alias {@code ls}): every page; a table on a terminal, plain rows when piped, JSON. */
class ListCommandTest {

    private static final String FIRST_PAGE = connections(CLUSTER) + "?pageSize=100";

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private final PrivateLinkConnection pending = aws("plc-1", "orders-kafka", PENDING_ACCEPTANCE, null,
            "vpce-0a1b2c3d4e5f67890", null);
    private final PrivateLinkConnection active = aws("plc-2", "payments", ACTIVE, null, "vpce-0f9e8d7c6b5a43210", null);

    private void onePage() {
        cli.api.on("GET", FIRST_PAGE, ok(new ListPrivateLinkConnectionsResponse(List.of(pending, active), null, 2)));
    }

    @Test
    void everyPageIsReadWithTheStateFilterAndJsonHasThemAll() {
        String filtered = connections(CLUSTER) + "?pageSize=100&state=PENDING_ACCEPTANCE";
        cli.api.on("GET", filtered, ok(new ListPrivateLinkConnectionsResponse(List.of(pending), "page/2", 3)));
        cli.api.on("GET", filtered + "&pageToken=page%2F2",
                ok(new ListPrivateLinkConnectionsResponse(List.of(aws("plc-3", "c", PENDING_ACCEPTANCE),
                        aws("plc-4", "d", PENDING_ACCEPTANCE)), null, 3)));

        // enum values in any case, as configured for the process
        Run run = cli.run("private-link", "list", "-c", CLUSTER, "--state", "pending_acceptance", "-o", "json");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(List.of("plc-1", "plc-3", "plc-4"),
                run.json().path("privateLinkConnections").findValuesAsText("privateLinkConnectionId"));
        assertEquals(3, run.json().path("totalSize").asInt());
        assertEquals(List.of("GET " + filtered, "GET " + filtered + "&pageToken=page%2F2"), cli.api.paths());
    }

    @Test
    void pipedHumanIsTicloudsJsonAsWithoutFlag() {
        onePage();

        Run human = cli.run("plc", "ls", "-c", CLUSTER, "-o", "human");
        Run json = cli.run("plc", "ls", "-c", CLUSTER, "-o", "json");

        // ticloud's list prints JSON whenever stdout is not a terminal, -o human or not (TicloudOutputTest)
        assertEquals(ExitCodes.OK, human.exitCode(), human.toString());
        assertEquals(json.stdout(), human.stdout());
        assertEquals(List.of("plc-1", "plc-2"),
                human.json().path("privateLinkConnections").findValuesAsText("privateLinkConnectionId"));
    }

    @Test
    void wideReadsEachConnectionToCountItsDomains() {
        onePage();
        cli.api.on("GET", connection(CLUSTER, "plc-1"), ok(pending));
        cli.api.on("GET", connection(CLUSTER, "plc-2"), ok(active.withAttachedDomains(List.of(
                attachment("ad-1", "TIDBCLOUD_MANAGED", "u1", domain("a.u1", "ACTIVE"), domain("b.u1", "ACTIVE"))))));

        Run run = cli.run("plc", "list", "-c", CLUSTER, "-o", "wide");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        List<String[]> rows = run.lines().stream().map(line -> line.split("\t", -1)).toList();
        assertEquals(List.of(13, 13), rows.stream().map(row -> row.length).toList(), run.toString());
        // Service, EndpointId, Zones, Domains
        assertEquals(List.of(Connections.AWS_SERVICE, "vpce-0f9e8d7c6b5a43210", "use1-az1,use1-az2", "2"),
                List.of(rows.get(1)).subList(5, 9));
        assertEquals("0", rows.get(0)[8]);
        // FailureReason, AcceptBy: empty when the connection has none
        assertEquals(List.of("", ""), List.of(rows.get(1)).subList(11, 13));
    }

    @Test
    void wideEndsEachRowWithTheFailureReasonAndTheAcceptanceDeadline() {
        Instant deadline = Instant.parse("2026-12-08T10:00:00Z");
        PrivateLinkConnection waiting = with(pending, null, deadline);
        PrivateLinkConnection failed = with(aws("plc-3", "rejected", FAILED, "the endpoint service rejected the endpoint",
                "vpce-3", null), REJECTED_BY_OWNER, null);
        cli.api.on("GET", FIRST_PAGE, ok(new ListPrivateLinkConnectionsResponse(List.of(waiting, failed), null, 2)));
        cli.api.on("GET", connection(CLUSTER, "plc-1"), ok(waiting));
        cli.api.on("GET", connection(CLUSTER, "plc-3"), ok(failed));

        Run piped = cli.run("plc", "list", "-c", CLUSTER, "-o", "wide");
        Run table = cli.onTerminal(300).run("plc", "list", "-c", CLUSTER, "-o", "wide", "--no-color");

        assertEquals(ExitCodes.OK, piped.exitCode(), piped.toString());
        List<String[]> rows = piped.lines().stream().map(line -> line.split("\t", -1)).toList();
        assertEquals(List.of("PENDING_ACCEPTANCE", "", "2026-12-08T10:00:00Z"),
                List.of(rows.get(0)[3], rows.get(0)[11], rows.get(0)[12]), piped.toString());
        assertEquals(List.of("FAILED", "REJECTED_BY_OWNER", ""),
                List.of(rows.get(1)[3], rows.get(1)[11], rows.get(1)[12]), piped.toString());
        assertTrue(table.lines().get(0).matches("ID\\s+.*\\s+Message\\s+Age\\s+FailureReason\\s+AcceptBy"),
                table.toString());
    }

    @Test
    void aTerminalGetsATableWithAHeaderAndColouredStates() {
        onePage();
        cli.onTerminal(120);

        Run run = cli.run("plc", "list", "-c", CLUSTER);

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.lines().get(0).matches("ID\\s+Name\\s+Type\\s+State\\s+CreateTime"), run.toString());
        assertTrue(run.stdout().contains("\u001b[33mPENDING_ACCEPTANCE\u001b[0m"), "a yellow badge: " + run);
        assertTrue(run.stdout().contains("\u001b[32mACTIVE\u001b[0m"), "a green badge: " + run);
    }

    @Test
    void noColorTheFlagAtAnyLevelOrTheEnvironmentTurnsColourOff() {
        onePage();
        cli.onTerminal(120);

        List<Run> runs = List.of(
                cli.run("--no-color", "plc", "list", "-c", CLUSTER),
                cli.run("plc", "list", "-c", CLUSTER, "--no-color"),
                cli.env("NO_COLOR", "1").run("plc", "list", "-c", CLUSTER),
                cli.env("NO_COLOR", null).env("TERM", "dumb").run("plc", "list", "-c", CLUSTER));

        for (Run run : runs) {
            assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
            assertTrue(run.stdout().contains("PENDING_ACCEPTANCE"), run.toString());
            assertFalse(run.stdout().contains("\u001b["), "no colour: " + run);
        }
    }

    @Test
    void aNarrowTerminalCutsTheWidestColumnsButNeverIdOrState() {
        cli.api.on("GET", FIRST_PAGE, ok(new ListPrivateLinkConnectionsResponse(List.of(
                aws("plc-1", "a display name far too long for a narrow terminal", PENDING_ACCEPTANCE)), null, 1)));
        cli.onTerminal(70);

        Run run = cli.run("plc", "list", "-c", CLUSTER, "--no-color");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        String row = run.lines().get(1);
        assertTrue(run.lines().stream().allMatch(line -> line.length() <= 70), run.toString());
        assertTrue(row.startsWith("plc-1  ") && row.contains(" PENDING_ACCEPTANCE "), row);
        assertTrue(row.contains("…"), "cut with an ellipsis: " + row);
    }

    @Test
    void anUnknownFlagIsAUsageErrorThatSendsNothing() {
        Run run = cli.run("plc", "list", "-c", CLUSTER, "--colour");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: Unknown option: '--colour'"), run.toString());
        assertTrue(run.stderr().endsWith("See 'plc private-link-connection list --help'.\n"), run.toString());
        assertEquals(List.of(), cli.api.requests());
    }

    @Test
    void anUnknownStateIsAUsageErrorListingTheStates() {
        Run run = cli.run("plc", "list", "-c", CLUSTER, "--state", "GONE");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("PENDING_ACCEPTANCE"), run.toString());
        assertEquals(List.of(), cli.api.requests());
    }

    @Test
    void anUnknownOutputFormatIsAUsageErrorNamingTheFormats() {
        Run run = cli.run("plc", "list", "-c", CLUSTER, "-o", "xml");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("'xml' is not an output format; use human, wide, json or yaml"), run.toString());
        assertEquals(List.of(), cli.api.requests());
    }

    @Test
    void aMissingClusterIsAskedForOnATerminalAndAUsageErrorWhenPiped() {
        onePage();

        Run piped = cli.run("plc", "list");
        Run asked = cli.onTerminal(120).stdin(CLUSTER).run("plc", "list", "--no-color");

        assertEquals(ExitCodes.USAGE, piped.exitCode(), piped.toString());
        assertTrue(piped.stderr().startsWith("Error: missing required option --cluster-id"), piped.toString());
        assertEquals(ExitCodes.OK, asked.exitCode(), asked.toString());
        assertTrue(asked.stdout().startsWith("Cluster id: ID "), asked.toString());
        assertEquals(List.of("GET " + FIRST_PAGE), cli.api.paths(), "only the asked run sent a request");
    }
}
