package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.output.ConnectionTables;
import io.dataflow.privatelink.cli.output.OutputFormat;
import io.dataflow.privatelink.cli.output.Printer;
import io.dataflow.privatelink.contract.api.ConnectionHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.Map;

/**
 * Every state a connection went through, with reasons (kept 30 days after deletion): Time, State, Message and
 * FailureReason (a FAILED entry's code). Not a ticloud command: its human rows are its default, piped too.
 */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Show a connection's timeline of states.")
public class HistoryCommand extends ApiCommand {

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
        PlcApi.Answer<ConnectionHistory> answer = api().tree("GET", connectionPath(clusterId, connectionId) + "/history",
                null, Map.of(), ConnectionHistory.class, true);
        ConnectionHistory history = answer.value();
        Printer printer = printer(output.format, OutputFormat.HUMAN);
        if (printer.format().tabular()) {
            printer.table(ConnectionTables.history(history.stateChanges() == null ? List.of() : history.stateChanges()));
        } else {
            printer.data(answer.tree());
        }
        return ExitCodes.OK;
    }
}
