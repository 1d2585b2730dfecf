package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.command.CliHarness.Run;
import io.dataflow.privatelink.contract.api.ConnectionHistory;
import io.dataflow.privatelink.contract.api.StateChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static io.dataflow.privatelink.cli.command.Connections.CLUSTER;
import static io.dataflow.privatelink.cli.command.StubApi.connection;
import static io.dataflow.privatelink.cli.command.StubApi.ok;
import static io.dataflow.privatelink.contract.ConnectionState.ACTIVE;
import static io.dataflow.privatelink.contract.ConnectionState.CREATING;
import static io.dataflow.privatelink.contract.ConnectionState.FAILED;
import static io.dataflow.privatelink.contract.ConnectionState.PENDING_ACCEPTANCE;
import static io.dataflow.privatelink.contract.FailureReason.REJECTED_BY_OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plc history}: every state with its time and reason. */
class HistoryCommandTest {

    private static final String HISTORY = connection(CLUSTER, "plc-1") + "/history";

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private final ConnectionHistory history = new ConnectionHistory("plc-1", false, List.of(
            new StateChange(CREATING, null, Instant.parse("2026-12-01T10:00:00Z")),
            new StateChange(PENDING_ACCEPTANCE, "waiting for the service owner", Instant.parse("2026-12-01T10:00:04Z")),
            new StateChange(ACTIVE, null, Instant.parse("2026-12-01T10:02:00Z")),
            new StateChange(FAILED, "the endpoint service rejected the endpoint", Instant.parse("2026-12-02T08:00:00Z"),
                    REJECTED_BY_OWNER)));

    @Test
    void pipedOneRowPerChangeOldestFirstAFailureWithItsReason() {
        cli.api.on("GET", HISTORY, ok(history));

        Run run = cli.run("plc", "history", "-c", CLUSTER, "--private-link-connection-id", "plc-1");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        // Time, State, Message, FailureReason: four fields on every row
        assertEquals(List.of("2026-12-01T10:00:00Z\tCREATING\t\t",
                "2026-12-01T10:00:04Z\tPENDING_ACCEPTANCE\twaiting for the service owner\t",
                "2026-12-01T10:02:00Z\tACTIVE\t\t",
                "2026-12-02T08:00:00Z\tFAILED\tthe endpoint service rejected the endpoint\tREJECTED_BY_OWNER"),
                run.lines());
    }

    @Test
    void jsonIsTheApisHistoryAndATerminalGetsAHeader() {
        cli.api.on("GET", HISTORY, ok(history));

        Run json = cli.run("plc", "history", "-c", CLUSTER, "--private-link-connection-id", "plc-1", "-o", "json");
        Run table = cli.onTerminal(100).run("plc", "history", "-c", CLUSTER, "--private-link-connection-id", "plc-1");

        assertEquals(PlcApi.JSON.valueToTree(history), json.json());
        assertTrue(table.lines().get(0).matches("Time\\s+State\\s+Message\\s+FailureReason"), table.toString());
        assertEquals(5, table.lines().size(), table.toString());
        assertTrue(table.lines().get(4).endsWith("REJECTED_BY_OWNER"), table.toString());
        assertEquals("REJECTED_BY_OWNER", json.json().path("stateChanges").path(3).path("failureReason").asText());
    }

    @Test
    void jsonIsTheHistoryAsTheApiSentItACodeThisBuildDoesNotKnowIncluded() throws Exception {
        String answer = """
                {"privateLinkConnectionId": "plc-1", "stateChanges": [{"state": "FAILED", "message": "gone",
                 "changeTime": "2026-12-02T08:00:00.500Z", "failureReason": "ENDPOINT_QUOTA_REACHED"}]}""";
        cli.api.on("GET", HISTORY, ok(answer));

        Run json = cli.run("plc", "history", "-c", CLUSTER, "--private-link-connection-id", "plc-1", "-o", "json");
        Run rows = cli.run("plc", "history", "-c", CLUSTER, "--private-link-connection-id", "plc-1");

        assertEquals(PlcApi.JSON.readTree(answer), json.json());
        assertEquals(List.of("2026-12-02T08:00:00.500Z\tFAILED\tgone\tENDPOINT_FAILED"), rows.lines(),
                "an unknown code reads as ENDPOINT_FAILED, as the contract says");
    }
}
