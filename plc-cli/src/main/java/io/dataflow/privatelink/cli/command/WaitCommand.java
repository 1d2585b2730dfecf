package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.output.OutputFormat;
import io.dataflow.privatelink.cli.output.Printer;
import io.dataflow.privatelink.cli.progress.Goal;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/** Waits, on the live status stream, until a connection is in a state (or deleted). */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = "Wait until a connection reaches a state: --for state=ACTIVE, or --for deleted.")
public class WaitCommand extends ApiCommand {

    @Mixin
    ClusterOption cluster;

    @Mixin
    ConnectionIdOption connection;

    @Option(names = "--for", required = true, paramLabel = "CONDITION",
            description = "state=<STATE> (CREATING, PENDING_ACCEPTANCE, ACTIVE, FAILED, DELETING) or deleted.")
    String condition;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.Timeout.class, defaultValue = "30m",
            description = "How long to wait (default ${DEFAULT-VALUE}); then exit code 3.")
    Duration timeout;

    @Mixin
    OutputOption output;

    @Override
    int run() {
        Goal goal = goal(condition);
        String clusterId = clusterId(cluster);
        String connectionId = connectionId(connection);
        PrivateLinkConnection last = progress().follow(clusterId, connectionId, goal, timeout);
        Printer printer = printer(output.format, OutputFormat.HUMAN);
        if (printer.format().tabular() || last == null) {
            printer.line(last == null ? connectionId + " is deleted" : connectionId + " is " + last.state());
        } else {
            printer.data(last);
        }
        return ExitCodes.OK;
    }

    private Goal goal(String text) {
        String value = text.strip();
        if (value.equalsIgnoreCase("deleted")) {
            return Goal.deleted();
        }
        if (value.toLowerCase(Locale.ROOT).startsWith("state=")) {
            String state = value.substring("state=".length()).toUpperCase(Locale.ROOT);
            if (Arrays.stream(ConnectionState.values()).anyMatch(s -> s.name().equals(state))) {
                return Goal.state(state);
            }
        }
        throw usage("invalid value for --for: '" + text + "'; use state=<one of "
                + Arrays.toString(ConnectionState.values()) + "> or deleted");
    }
}
