package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.output.OutputFormat;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.contract.api.UpdatePrivateLinkConnectionBody;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * Renames a connection: {@code PATCH …/privateLinkConnections/{id}} with
 * {@code {"privateLinkConnection": {"displayName": …}, "updateMask": "displayName"}} (the API's additive
 * update; the display name is the one field that can change). Sent again on a broken connection or a 503 like
 * a read: setting the same name twice leaves the same connection. Prints the connection as {@code get -o human}
 * does. ticloud has no update for private link connections, so this command keeps this tool's own output
 * contract: human by default, piped too (tab-separated field rows, no header); {@code -o json} or
 * {@code -o yaml} for the API's answer.
 */
@Command(name = "update", mixinStandardHelpOptions = true, description = {
        "Rename a private link connection (its display name, the one field that can change).",
        "Prints the updated connection as 'get -o human' does: a table in a terminal, tab-separated"
                + " Field/Value rows when piped (not a ticloud command: this tool's output, piped too);"
                + " -o json or -o yaml prints the API's answer."})
public class UpdateCommand extends ApiCommand {

    @Mixin
    ClusterOption cluster;

    @Mixin
    ConnectionIdOption connection;

    @Option(names = "--display-name", paramLabel = "NAME", description = "The connection's new name.")
    String displayName;

    @Mixin
    OutputOption output;

    @Override
    int run() {
        String clusterId = clusterId(cluster);
        String connectionId = connectionId(connection);
        String name = required(displayName, "--display-name", "New display name", ApiCommand::nonEmpty);
        PrivateLinkConnection change = new PrivateLinkConnection(null, null, name, null, null, null, null, null, null,
                null, null, null);
        PlcApi.Answer<PrivateLinkConnection> updated = api().tree("PATCH", connectionPath(clusterId, connectionId),
                new UpdatePrivateLinkConnectionBody(change, "displayName"), Map.of(), PrivateLinkConnection.class, true);
        printConnection(printer(output.format, OutputFormat.HUMAN), updated);
        return ExitCodes.OK;
    }
}
