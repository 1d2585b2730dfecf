package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.output.OutputFormat;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Map;

/**
 * One connection with its attached domains; JSON by default, as ticloud prints it (the answer as the API sent
 * it, fields this build does not know included). Human: the fields, with the failure reason and the acceptance
 * deadline when there are, then the attachments.
 */
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
        PlcApi.Answer<PrivateLinkConnection> found = api().tree("GET", connectionPath(clusterId, connectionId), null,
                Map.of(), PrivateLinkConnection.class, true);
        // JSON by default, as ticloud prints it anywhere (internal/cli/serverless/privatelink/describe.go)
        printConnection(printer(output.format, OutputFormat.JSON), found);
        return ExitCodes.OK;
    }
}
