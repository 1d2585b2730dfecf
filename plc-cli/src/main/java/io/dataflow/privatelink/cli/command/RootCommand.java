package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.CliConsole;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code plc}: the private link connections of dataflow, from the command line. ticloud's command path
 * ({@code serverless private-link-connection <verb>}, aliases {@code s}, {@code plc}, {@code private-link})
 * and its short form without {@code serverless}. Global flags are inherited by every subcommand.
 */
@TopCommand
@Command(name = "plc", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        description = "Private link connections for dataflow: create, inspect, wait for and delete connections"
                + " and their domains.",
        subcommands = {ServerlessCommand.class, PrivateLinkConnectionCommand.class, ConfigCommand.class,
                CompletionCommand.class, CompleteIdsCommand.class},
        footer = {"", "Environment: PLC_API and PLC_TOKEN override the profile's API base URL and token;"
                + " PLC_CONFIG names the profiles file (default ~/.config/plc/config.json); NO_COLOR turns colour off.",
                "Exit codes: 0 ok, 1 error, 2 usage, 3 timed out, 4 unauthenticated or permission denied,"
                        + " 5 the connection or a domain ended FAILED, 6 a connectivity test ran and a check failed."})
public class RootCommand {

    @Option(names = {"-D", "--debug"}, scope = ScopeType.INHERIT, description = "Print each request and its timing to stderr (never the token).")
    boolean debug;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "No colour in tables (also: NO_COLOR).")
    boolean noColor;

    @Option(names = {"-P", "--profile"}, scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "The profile to use (plc config list); default: the current one.")
    String profile;

    @Option(names = "--no-input", scope = ScopeType.INHERIT,
            description = "Never prompt: a missing required flag is a usage error.")
    boolean noInput;

    private final CliConsole console;

    public RootCommand() {
        this(CliConsole.system());
    }

    /** A run with another environment, streams and terminal than the process's (tests). */
    public RootCommand(CliConsole console) {
        this.console = console;
    }

    public CliConsole console() {
        return console;
    }

    /** The console of the command line a (sub)command belongs to. */
    static CliConsole console(CommandSpec spec) {
        return ((RootCommand) spec.root().userObject()).console();
    }
}
