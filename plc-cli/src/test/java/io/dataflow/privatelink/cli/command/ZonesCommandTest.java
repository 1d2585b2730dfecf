package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.command.CliHarness.Run;
import io.dataflow.privatelink.contract.api.GetAvailabilityZonesResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.dataflow.privatelink.cli.command.Connections.CLUSTER;
import static io.dataflow.privatelink.cli.command.StubApi.connections;
import static io.dataflow.privatelink.cli.command.StubApi.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code plc zones}: the account to allow and the cluster's zones; JSON by default, advice in human form. */
class ZonesCommandTest {

    private static final String ZONES = connections(CLUSTER) + ":getAvailabilityZones";

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private final GetAvailabilityZonesResponse zones = new GetAvailabilityZonesResponse("123456789012",
            List.of("use1-az1", "use1-az2", "use1-az4"));

    @Test
    void jsonByDefaultAsTicloudPrintsIt() {
        cli.api.on("GET", ZONES, ok(zones));

        Run run = cli.run("plc", "zones", "-c", CLUSTER);

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(PlcApi.JSON.valueToTree(zones), run.json());
        assertEquals(List.of("GET " + ZONES), cli.api.paths());
    }

    @Test
    void humanOutputSaysWhomToAllowAndWhichOfTheServicesZonesAreInCommon() {
        cli.api.on("GET", ZONES, ok(zones));

        Run common = cli.run("plc", "zones", "-c", CLUSTER, "-o", "human", "--service-zones", "use1-az2,use1-az6");
        Run none = cli.run("plc", "zones", "-c", CLUSTER, "-o", "human", "--service-zones", "use1-az6");

        assertEquals(ExitCodes.OK, common.exitCode(), common.toString());
        List<String> lines = common.lines();
        assertEquals("Allow account 123456789012 on your endpoint service:", lines.get(0));
        assertEquals("  AWS: add the principal arn:aws:iam::123456789012:root to its allowed principals", lines.get(1));
        assertEquals("The cluster's zones: use1-az1, use1-az2, use1-az4", lines.get(lines.size() - 2));
        assertEquals("Zones in common with your service: use1-az2.", lines.get(lines.size() - 1));
        assertEquals("No zone of your service (use1-az6) is among them: a connection would fail.",
                none.lines().get(none.lines().size() - 1));
    }
}
