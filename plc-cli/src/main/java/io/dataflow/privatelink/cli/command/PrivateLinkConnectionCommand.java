package io.dataflow.privatelink.cli.command;

import picocli.CommandLine.Command;

/** {@code private-link-connection} (aliases {@code plc}, {@code private-link}) and its verbs. */
@Command(name = "private-link-connection", aliases = {"plc", "private-link"}, mixinStandardHelpOptions = true,
        description = "Manage private link connections for dataflow.",
        subcommands = {CreateCommand.class, DeleteCommand.class, GetCommand.class, ListCommand.class,
                UpdateCommand.class, ZonesCommand.class, QuotaCommand.class, AttachDomainsCommand.class,
                DetachDomainsCommand.class, TestConnectivityCommand.class,
                WaitCommand.class, WatchCommand.class, HistoryCommand.class})
public class PrivateLinkConnectionCommand {
}
