package io.dataflow.privatelink.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.api.StatusStream;
import io.dataflow.privatelink.cli.output.OutputFormat;
import io.dataflow.privatelink.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Prints a cluster's (or one connection's) changes as they happen: first each connection's current state,
 * then one line per change; {@code -o json} prints one JSON document per line. Runs until interrupted, or
 * {@code --timeout} (exit 0: watching that long is what was asked).
 */
@Command(name = "watch", mixinStandardHelpOptions = true, description = "Follow the changes of a cluster's connections live.")
public class WatchCommand extends ApiCommand {

    @Mixin
    ClusterOption cluster;

    @Mixin
    ConnectionIdOption connection;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.Timeout.class,
            description = "Stop after this long (default: until interrupted).")
    Duration timeout;

    @Mixin
    OutputOption output;

    @Override
    int run() {
        String clusterId = clusterId(cluster);
        String path = (connection.connectionId == null ? connectionsPath(clusterId)
                : connectionPath(clusterId, connection.connectionId)) + ":watch";
        Printer printer = printer(output.format, OutputFormat.HUMAN);
        try {
            new StatusStream(api(), debug()).follow(path, timeout == null ? null : Instant.now().plus(timeout), event -> {
                if (!event.name().equals("snapshot") && !event.name().equals("deleted")) {
                    return false;
                }
                JsonNode data;
                try {
                    data = PlcApi.JSON.readTree(event.data());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (!printer.format().tabular()) {
                    printer.jsonLine(PlcApi.JSON.createObjectNode().put("id", event.id()).put("event", event.name())
                            .set("data", data));
                    return false;
                }
                String id = data.path("privateLinkConnectionId").asText();
                String line = event.name().equals("deleted") ? "deleted" : stateLine(data);
                printer.line(String.join(printer.terminal().stdoutIsTerminal() ? "  " : "\t",
                        Instant.now().toString(), id, data.path("displayName").asText(""), line));
                return false;
            });
        } catch (io.dataflow.privatelink.cli.CliFailure e) {
            if (e.exitCode() != ExitCodes.TIMED_OUT) {
                throw e;
            }
        }
        return ExitCodes.OK;
    }

    /** {@code FAILED REJECTED_BY_OWNER (message)}, {@code PENDING_ACCEPTANCE until <deadline> (message)}: what get shows. */
    static String stateLine(JsonNode data) {
        StringBuilder line = new StringBuilder(data.path("state").asText());
        if (data.hasNonNull("failureReason")) {
            line.append(' ').append(data.path("failureReason").asText());
        }
        if (data.hasNonNull("acceptanceDeadline")) {
            line.append(" until ").append(data.path("acceptanceDeadline").asText());
        }
        if (data.hasNonNull("message")) {
            line.append(" (").append(data.path("message").asText()).append(')');
        }
        return line.toString();
    }
}
