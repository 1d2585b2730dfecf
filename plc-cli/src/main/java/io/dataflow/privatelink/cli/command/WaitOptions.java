package io.dataflow.privatelink.cli.command;

import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code --wait} and {@code --timeout}: follow the live status until a final state. */
public class WaitOptions {

    @Option(names = "--wait", description = "Follow the live status and show each transition until a final state.")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.Timeout.class, defaultValue = "30m",
            description = "How long --wait waits (e.g. 90s, 10m; default ${DEFAULT-VALUE}); then exit code 3.")
    Duration timeout;
}
