package io.dataflow.privatelink.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.command.CliHarness.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.dataflow.privatelink.cli.command.Connections.CLUSTER;
import static io.dataflow.privatelink.cli.command.StubApi.connections;
import static io.dataflow.privatelink.cli.command.StubApi.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code plc quota}: the cluster's and its project's connection limits and use. */
class QuotaCommandTest {

    private static final String QUOTA = connections(CLUSTER) + ":getQuota";

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private static JsonNode quota(int clusterUsed, int clusterLimit) throws Exception {
        return PlcApi.JSON.readTree("""
                {"cluster": {"clusterId": "%s", "limit": %d, "used": %d},
                 "project": {"projectId": "project-a", "limit": 100, "used": 7}}""".formatted(CLUSTER, clusterLimit,
                clusterUsed));
    }

    @Test
    void oneLineAScope() throws Exception {
        cli.api.on("GET", QUOTA, ok(quota(3, 10)));
        Run room = cli.run("plc", "quota", "-c", CLUSTER);
        assertEquals(ExitCodes.OK, room.exitCode(), room.toString());
        assertEquals(List.of("cluster " + CLUSTER + ": 3 of 10 connections used",
                "project project-a: 7 of 100 connections used"), room.lines());
        assertEquals(List.of("GET " + QUOTA), cli.api.paths());
    }

    @Test
    void aReachedLimitSaysWhatToDo() throws Exception {
        cli.api.on("GET", QUOTA, ok(quota(10, 10)));
        Run full = cli.run("plc", "quota", "-c", CLUSTER);
        assertEquals("cluster " + CLUSTER + ": 10 of 10 connections used (the limit is reached: delete connections,"
                + " or ask for a higher limit)", full.lines().get(0));
    }

    @Test
    void jsonIsTheApisAnswer() throws Exception {
        cli.api.on("GET", QUOTA, ok(quota(3, 10)));
        Run run = cli.run("plc", "quota", "-c", CLUSTER, "-o", "json");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(quota(3, 10), run.json());
    }
}
