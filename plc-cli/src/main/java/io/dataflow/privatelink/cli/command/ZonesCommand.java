package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.output.OutputFormat;
import io.dataflow.privatelink.cli.output.Printer;
import io.dataflow.privatelink.cli.progress.NextSteps;
import io.dataflow.privatelink.contract.api.GetAvailabilityZonesResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/** The account a customer's endpoint service must allow and the cluster's zones; JSON by default (ticloud). */
@Command(name = "zones", mixinStandardHelpOptions = true,
        description = "The account to allow on your endpoint service, and the cluster's availability zones.")
public class ZonesCommand extends ApiCommand {

    @Mixin
    ClusterOption cluster;

    @Option(names = "--service-zones", split = ",", paramLabel = "ZONE",
            description = "Your endpoint service's zone ids: say which are in common with the cluster's (human output).")
    List<String> serviceZones = List.of();

    @Mixin
    OutputOption output;

    @Override
    int run() {
        String clusterId = clusterId(cluster);
        GetAvailabilityZonesResponse zones = api().get(connectionsPath(clusterId) + ":getAvailabilityZones",
                GetAvailabilityZonesResponse.class);
        // JSON by default, as ticloud prints it anywhere (internal/cli/serverless/privatelink/zone.go)
        Printer printer = printer(output.format, OutputFormat.JSON);
        if (printer.format().tabular()) {
            printer.line(NextSteps.forZones(zones.accountId(), zones.azIds() == null ? List.of() : zones.azIds(),
                    serviceZones));
        } else {
            printer.data(zones);
        }
        return ExitCodes.OK;
    }
}
