package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.command.CliHarness.Run;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.dataflow.privatelink.cli.command.Connections.CLUSTER;
import static io.dataflow.privatelink.cli.command.Connections.aws;
import static io.dataflow.privatelink.cli.command.StubApi.connection;
import static io.dataflow.privatelink.cli.command.StubApi.error;
import static io.dataflow.privatelink.cli.command.StubApi.ok;
import static io.dataflow.privatelink.contract.ConnectionState.DELETING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plc delete} (alias {@code rm}): confirmed on a terminal, {@code --force} elsewhere; {@code --wait} until gone. */
class DeleteCommandTest {

    private static final String PLC_1 = connection(CLUSTER, "plc-1");

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private final PrivateLinkConnection deleting = aws("plc-1", "orders-kafka", DELETING);

    @Test
    void forceSendsOneDeleteAndHumanOutputSaysTheConnectionIsDeleting() {
        cli.api.on("DELETE", PLC_1, ok(deleting));

        Run run = cli.run("plc", "rm", "-c", CLUSTER, "--private-link-connection-id", "plc-1", "--force", "-o", "human");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("Private link connection plc-1 is DELETING.\n", run.stdout());
        StubApi.Request sent = cli.api.only("DELETE", PLC_1);
        assertEquals("", sent.body());
        assertNull(sent.header("Idempotency-Key"), "a delete is not retried, so it carries no key");
        assertEquals(1, cli.api.requests().size());
    }

    @Test
    void jsonPrintsTheApisAnswer() {
        cli.api.on("DELETE", PLC_1, ok(deleting));

        Run run = cli.run("plc", "delete", "-c", CLUSTER, "--private-link-connection-id", "plc-1", "--force", "-o", "json");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(PlcApi.JSON.valueToTree(deleting), run.json());
    }

    @Test
    void withoutATerminalOrForceNothingIsDeletedAndTheErrorSaysHow() {
        Run run = cli.run("plc", "delete", "-c", CLUSTER, "--private-link-connection-id", "plc-1");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: refusing to delete plc-1 without confirmation"), run.toString());
        assertTrue(run.stderr().contains("pass --force"), run.toString());
        assertEquals(List.of(), cli.api.requests());
    }

    @Test
    void noInputOnATerminalIsLikeNoTerminal() {
        cli.onTerminal(120).stdin("y");

        Run run = cli.run("plc", "delete", "-c", CLUSTER, "--private-link-connection-id", "plc-1", "--no-input");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertEquals(List.of(), cli.api.requests());
    }

    @Test
    void onATerminalAnythingButYesKeepsTheConnection() {
        cli.onTerminal(120);

        for (String answer : List.of("n", "", "maybe")) {
            Run run = cli.stdin(answer).run("plc", "delete", "-c", CLUSTER, "--private-link-connection-id", "plc-1");

            assertEquals(ExitCodes.ERROR, run.exitCode(), run.toString());
            assertEquals("Delete private link connection plc-1 of cluster " + CLUSTER + " and detach its domains? [y/N]: ",
                    run.stdout());
            assertEquals("Not deleted.\n", run.stderr());
        }
        assertEquals(List.of(), cli.api.requests());
    }

    @Test
    void onATerminalYesDeletes() {
        cli.api.on("DELETE", PLC_1, ok(deleting));
        cli.onTerminal(120);

        for (String answer : List.of("y", "YES")) {
            Run run = cli.stdin(answer).run("plc", "delete", "-c", CLUSTER, "--private-link-connection-id", "plc-1");

            assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
            assertTrue(run.stdout().endsWith("[y/N]: Private link connection plc-1 is DELETING.\n"), run.toString());
        }
        assertEquals(2, cli.api.requests("DELETE", PLC_1).size());
    }

    @Test
    void waitFollowsTheStreamUntilTheConnectionIsDeleted() {
        cli.api.on("DELETE", PLC_1, ok(deleting));
        cli.api.on("GET", PLC_1 + ":watch", StubApi.streamThenHold(Sse.snapshot(5, deleting), Sse.deleted(6, "plc-1")));

        Run run = cli.run("plc", "rm", "-c", CLUSTER, "--private-link-connection-id", "plc-1", "--force", "--wait",
                "--timeout", "20s", "-o", "human");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("Private link connection plc-1 is deleted.\n", run.stdout());
        assertEquals("[t] DELETING\n[t] deleted\n", run.progress());
    }

    @Test
    void waitTakesAConnectionTheStreamNoLongerKnowsAsDeleted() {
        cli.api.on("DELETE", PLC_1, ok(deleting));
        cli.api.on("GET", PLC_1 + ":watch", error(404, 5, "private link connection plc-1 not found"));

        Run run = cli.run("plc", "rm", "-c", CLUSTER, "--private-link-connection-id", "plc-1", "--force", "--wait",
                "--timeout", "20s", "-o", "human");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("Private link connection plc-1 is deleted.\n", run.stdout());
        assertEquals(List.of("DELETE " + PLC_1, "GET " + PLC_1 + ":watch"), cli.api.paths());
    }

    @Test
    void aConnectionAlreadyGoneIsExit1() {
        cli.api.on("DELETE", PLC_1, error(404, 5, "private link connection plc-1 not found"));

        Run run = cli.run("plc", "rm", "-c", CLUSTER, "--private-link-connection-id", "plc-1", "--force");

        assertEquals(ExitCodes.ERROR, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: NOT_FOUND (code 5, HTTP 404)"), run.toString());
    }
}
