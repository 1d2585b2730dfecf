package io.dataflow.privatelink.cli.command;

import picocli.CommandLine.Option;

/** {@code -c/--cluster-id}: asked for on a terminal when missing. */
public class ClusterOption {

    @Option(names = {"-c", "--cluster-id"}, paramLabel = "ID", description = "The cluster's id.")
    String clusterId;
}
