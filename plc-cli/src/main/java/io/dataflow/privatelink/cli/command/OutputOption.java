package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.output.OutputFormat;
import picocli.CommandLine.Option;

/** {@code -o/--output human|wide|json|yaml}; each command has its own default (ticloud's). */
public class OutputOption {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = Converters.Output.class,
            description = "human, wide, json or yaml (a table in a terminal, tab-separated rows when piped).")
    OutputFormat format;
}
