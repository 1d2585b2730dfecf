package io.dataflow.privatelink.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.command.CliHarness.Run;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.dataflow.privatelink.cli.command.Connections.CLUSTER;
import static io.dataflow.privatelink.cli.command.Connections.aws;
import static io.dataflow.privatelink.cli.command.StubApi.connection;
import static io.dataflow.privatelink.cli.command.StubApi.connections;
import static io.dataflow.privatelink.cli.command.StubApi.error;
import static io.dataflow.privatelink.contract.ConnectionState.ACTIVE;
import static io.dataflow.privatelink.contract.ConnectionState.FAILED;
import static io.dataflow.privatelink.contract.ConnectionState.PENDING_ACCEPTANCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plc watch}: a cluster's (or one connection's) changes, one line each, until {@code --timeout} (exit 0). */
class WatchCommandTest {

    private static final String CLUSTER_WATCH = connections(CLUSTER) + ":watch";

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private final PrivateLinkConnection pending = aws("plc-1", "orders-kafka", PENDING_ACCEPTANCE, "waiting for the owner",
            "vpce-1", null);
    private final PrivateLinkConnection active = aws("plc-2", "payments", ACTIVE, null, "vpce-2", null);

    private void clusterStream() {
        cli.api.on("GET", CLUSTER_WATCH, StubApi.streamThenHold(Sse.snapshot(1, pending), Sse.heartbeat(),
                Sse.snapshot(2, active), Sse.deleted(3, "plc-1")));
    }

    @Test
    void jsonIsOneDocumentPerEventAndTheTimeoutEndsItWell() throws Exception {
        clusterStream();

        Run run = cli.run("plc", "watch", "-c", CLUSTER, "--timeout", "PT2S", "-o", "json");

        assertEquals(ExitCodes.OK, run.exitCode(), "watching that long is what was asked: " + run);
        List<JsonNode> events = new ArrayList<>();
        for (String line : run.lines()) {
            events.add(PlcApi.JSON.readTree(line));
        }
        assertEquals(List.of("1", "2", "3"), events.stream().map(e -> e.path("id").asText()).toList());
        assertEquals(List.of("snapshot", "snapshot", "deleted"), events.stream().map(e -> e.path("event").asText()).toList());
        assertEquals(PlcApi.JSON.valueToTree(pending), events.get(0).path("data"));
        assertEquals("plc-1", events.get(2).path("data").path("privateLinkConnectionId").asText());
        assertEquals("", run.stderr());
    }

    @Test
    void pipedEachChangeIsATabSeparatedRowWithItsTime() {
        clusterStream();

        Run run = cli.run("plc", "watch", "-c", CLUSTER, "--timeout", "PT2S");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        List<List<String>> rows = run.lines().stream().map(line -> List.of(line.split("\t", -1))).toList();
        assertEquals(List.of(
                List.of("plc-1", "orders-kafka", "PENDING_ACCEPTANCE (waiting for the owner)"),
                List.of("plc-2", "payments", "ACTIVE"),
                List.of("plc-1", "", "deleted")), rows.stream().map(row -> row.subList(1, 4)).toList(), run.toString());
        assertTrue(rows.stream().allMatch(row -> row.get(0).matches("\\d{4}-\\d\\d-\\d\\dT.*Z")), run.toString());
    }

    @Test
    void aRowSaysWhyAConnectionFailedAndUntilWhenItWaitsForAcceptance() {
        PrivateLinkConnection waiting = new PrivateLinkConnection("plc-3", CLUSTER, "orders-eu", PENDING_ACCEPTANCE,
                null, "alice", null, null, null, null, null, null, null, java.time.Instant.parse("2026-12-14T10:00:00Z"));
        PrivateLinkConnection rejected = new PrivateLinkConnection("plc-4", CLUSTER, "billing", FAILED,
                "rejected in the cloud", "alice", null, null, null, null, null, null,
                io.dataflow.privatelink.contract.FailureReason.REJECTED_BY_OWNER, null);
        cli.api.on("GET", CLUSTER_WATCH, StubApi.streamThenHold(Sse.snapshot(1, waiting), Sse.snapshot(2, rejected)));

        Run run = cli.run("plc", "watch", "-c", CLUSTER, "--timeout", "PT2S");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(List.of("PENDING_ACCEPTANCE until 2026-12-14T10:00:00Z",
                "FAILED REJECTED_BY_OWNER (rejected in the cloud)"),
                run.lines().stream().map(line -> line.split("\t", -1)[3]).toList(), run.toString());
    }

    @Test
    void oneConnectionsChangesComeFromItsOwnStream() {
        String watch = connection(CLUSTER, "plc-1") + ":watch";
        cli.api.on("GET", watch, StubApi.streamThenHold(Sse.snapshot(1, pending)));

        Run run = cli.onTerminal(120).run("plc", "watch", "-c", CLUSTER, "--private-link-connection-id", "plc-1",
                "--timeout", "PT2S");

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(List.of("GET " + watch), cli.api.paths());
        assertTrue(run.stdout().matches("\\S+Z  plc-1  orders-kafka  PENDING_ACCEPTANCE \\(waiting for the owner\\)\n"),
                "columns apart on a terminal: " + run);
    }

    @Test
    void aRefusedStreamIsTheApisErrorAndItsExitCode() {
        cli.api.on("GET", CLUSTER_WATCH, error(403, 7, "not a member of this cluster's organization"));

        Run run = cli.run("plc", "watch", "-c", CLUSTER, "--timeout", "20s");

        assertEquals(ExitCodes.NOT_ALLOWED, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("Error: PERMISSION_DENIED (code 7, HTTP 403)"), run.toString());
    }
}
