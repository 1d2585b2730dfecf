package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.output.ConnectionTables;
import io.dataflow.privatelink.cli.output.OutputFormat;
import io.dataflow.privatelink.cli.output.Printer;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** One connection with its attached domains; JSON by default, as ticloud prints it. */
@Command(name = "get", aliases = "describe", mixinStandardHelpOptions = true, description = "Show a private link connection.")
public class GetCommand extends ApiCommand {

    @Mixin
    ClusterOption cluster;

    @Mixin
    ConnectionIdOption connection;

    @Mixin
    OutputOption output;

    @Override
    int run() {
        String clusterId = clusterId(cluster);
        String connectionId = connectionId(connection);
        PrivateLinkConnection found = api().get(connectionPath(clusterId, connectionId), PrivateLinkConnection.class);
        Printer printer = printer(output.format, OutputFormat.JSON);
        if (printer.format().tabular()) {
            printer.table(ConnectionTables.details(found));
            if (found.attachedDomains() != null && !found.attachedDomains().isEmpty()) {
                printer.line("");
                printer.table(ConnectionTables.attachments(found.attachedDomains()));
            }
        } else {
            printer.data(found);
        }
        return ExitCodes.OK;
    }
}
