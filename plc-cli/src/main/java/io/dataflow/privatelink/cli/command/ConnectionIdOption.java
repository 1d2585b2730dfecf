package io.dataflow.privatelink.cli.command;

import picocli.CommandLine.Option;

/** {@code --private-link-connection-id}, as ticloud names it. */
public class ConnectionIdOption {

    @Option(names = "--private-link-connection-id", paramLabel = "ID", description = "The connection's id.")
    String connectionId;
}
