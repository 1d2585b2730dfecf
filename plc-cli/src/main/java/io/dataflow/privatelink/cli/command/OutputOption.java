package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.output.OutputFormat;
import picocli.CommandLine.Option;

/**
 * {@code -o/--output human|wide|json|yaml}; each command has its own default (ticloud's). Not given and stdout
 * not a terminal: the command prints what ticloud prints ({@code ApiCommand#asTicloudPrintsIt}).
 */
public class OutputOption {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", converter = Converters.Output.class,
            description = "human, wide, json or yaml (a table in a terminal, tab-separated rows when piped;"
                    + " piped without it, ticloud's commands print what ticloud prints).")
    OutputFormat format;
}
