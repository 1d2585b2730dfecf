package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.output.ConnectionTables;
import io.dataflow.privatelink.cli.output.OutputFormat;
import io.dataflow.privatelink.cli.output.Printer;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.api.ListPrivateLinkConnectionsResponse;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A cluster's connections, every page of them; ticloud's columns, more with {@code -o wide}. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List a cluster's private link connections.")
public class ListCommand extends ApiCommand {

    private static final int PAGE_SIZE = 100;

    @Mixin
    ClusterOption cluster;

    @Option(names = "--state", paramLabel = "STATE",
            description = "Only connections in this state: ${COMPLETION-CANDIDATES}.")
    ConnectionState state;

    @Mixin
    OutputOption output;

    @Override
    int run() {
        String clusterId = clusterId(cluster);
        List<PrivateLinkConnection> all = new ArrayList<>();
        String pageToken = null;
        do {
            StringBuilder path = new StringBuilder(connectionsPath(clusterId)).append("?pageSize=").append(PAGE_SIZE);
            if (state != null) {
                path.append("&state=").append(state.name());
            }
            if (pageToken != null) {
                path.append("&pageToken=").append(PlcApi.encode(pageToken));
            }
            ListPrivateLinkConnectionsResponse page = api().get(path.toString(), ListPrivateLinkConnectionsResponse.class);
            if (page.privateLinkConnections() != null) {
                all.addAll(page.privateLinkConnections());
            }
            pageToken = page.nextPageToken() == null || page.nextPageToken().isEmpty() ? null : page.nextPageToken();
        } while (pageToken != null);

        Printer printer = printer(output.format, OutputFormat.HUMAN);
        if (printer.format() == OutputFormat.WIDE) {
            // the list operation leaves attached domains out; wide counts them, so it reads each connection
            all = all.stream().map(c -> api().get(connectionPath(clusterId, c.privateLinkConnectionId()),
                    PrivateLinkConnection.class)).toList();
        }
        if (printer.format().tabular()) {
            printer.table(ConnectionTables.connections(all, printer.format(), Instant.now()));
        } else {
            printer.data(Map.of("privateLinkConnections", all, "totalSize", all.size()));
        }
        return ExitCodes.OK;
    }
}
