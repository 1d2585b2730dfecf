package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.output.OutputFormat;
import io.dataflow.privatelink.cli.output.Printer;
import io.dataflow.privatelink.cli.progress.Goal;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/** Deletes a connection (its domains are detached first); confirmed on a terminal unless {@code --force}. */
@Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true, description = "Delete a private link connection.")
public class DeleteCommand extends ApiCommand {

    @Mixin
    ClusterOption cluster;

    @Mixin
    ConnectionIdOption connection;

    @Option(names = "--force", description = "Delete without asking for confirmation.")
    boolean force;

    @Mixin
    WaitOptions waitOptions;

    @Mixin
    OutputOption output;

    @Override
    int run() {
        String clusterId = clusterId(cluster);
        String connectionId = connectionId(connection);
        if (!force) {
            if (!canConfirm()) {
                throw usage("refusing to delete " + connectionId + " without confirmation: there is no terminal to ask on"
                        + " (or --no-input); pass --force to delete it");
            }
            if (!prompter().confirm("Delete private link connection " + connectionId + " of cluster " + clusterId
                    + " and detach its domains?")) {
                err().println("Not deleted.");
                return ExitCodes.ERROR;
            }
        }
        PrivateLinkConnection deleted = api().call("DELETE", connectionPath(clusterId, connectionId), null, Map.of(),
                PrivateLinkConnection.class, false);
        if (waitOptions.wait) {
            progress().follow(clusterId, connectionId, Goal.deleted(), waitOptions.timeout);
        }
        Printer printer = printer(output.format, OutputFormat.HUMAN);
        if (asTicloudPrintsIt(output)) {
            // ticloud: internal/cli/serverless/privatelink/delete.go
            printer.line("Private link connection deleted");
        } else if (printer.format().tabular()) {
            printer.line("Private link connection " + connectionId + (waitOptions.wait ? " is deleted." : " is DELETING."));
        } else {
            printer.data(deleted);
        }
        return ExitCodes.OK;
    }
}
