package io.dataflow.privatelink.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.output.ConnectionTables;
import io.dataflow.privatelink.cli.output.OutputFormat;
import io.dataflow.privatelink.cli.output.Printer;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cluster's connections, every page of them; ticloud's columns, more with {@code -o wide} (see
 * {@link ConnectionTables#connections}); JSON and YAML carry each connection as the API sent it.
 */
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
        List<PlcApi.Answer<PrivateLinkConnection>> all = new ArrayList<>();
        String pageToken = null;
        do {
            StringBuilder path = new StringBuilder(connectionsPath(clusterId)).append("?pageSize=").append(PAGE_SIZE);
            if (state != null) {
                path.append("&state=").append(state.name());
            }
            if (pageToken != null) {
                path.append("&pageToken=").append(PlcApi.encode(pageToken));
            }
            JsonNode page = api().get(path.toString(), JsonNode.class);
            for (JsonNode connection : page.path("privateLinkConnections")) {
                all.add(PlcApi.answer(connection, PrivateLinkConnection.class));
            }
            String next = page.path("nextPageToken").asText("");
            pageToken = next.isEmpty() ? null : next;
        } while (pageToken != null);

        // ticloud (internal/cli/serverless/privatelink/list.go) prints JSON whenever stdout is not a terminal,
        // with -o human (its default) too; -o wide is this tool's and keeps its rows
        boolean ticloudJson = !terminal().stdoutIsTerminal()
                && (output.format == null || output.format == OutputFormat.HUMAN);
        Printer printer = printer(ticloudJson ? OutputFormat.JSON : output.format, OutputFormat.HUMAN);
        if (printer.format() == OutputFormat.WIDE) {
            // the list operation leaves attached domains out; wide counts them, so it reads each connection
            all = all.stream().map(c -> api().tree("GET", connectionPath(clusterId, c.value().privateLinkConnectionId()),
                    null, Map.of(), PrivateLinkConnection.class, true)).toList();
        }
        if (printer.format().tabular()) {
            printer.table(ConnectionTables.connections(all.stream().map(PlcApi.Answer::value).toList(),
                    printer.format(), Instant.now()));
        } else {
            ArrayNode connections = PlcApi.JSON.createArrayNode();
            all.forEach(c -> connections.add(c.tree()));
            printer.data(Map.of("privateLinkConnections", connections, "totalSize", all.size()));
        }
        return ExitCodes.OK;
    }
}
