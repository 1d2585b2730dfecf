package io.dataflow.privatelink.cli.command;

import picocli.CommandLine.Command;

/** ticloud's {@code serverless} level, kept so its scripts run with only the program name changed. */
@Command(name = "serverless", aliases = "s", mixinStandardHelpOptions = true,
        description = "Serverless clusters' resources (as in ticloud).",
        subcommands = PrivateLinkConnectionCommand.class)
public class ServerlessCommand {
}
