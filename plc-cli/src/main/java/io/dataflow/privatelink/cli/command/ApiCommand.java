package io.dataflow.privatelink.cli.command;

import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.config.ApiTarget;
import io.dataflow.privatelink.cli.output.ConnectionTables;
import io.dataflow.privatelink.cli.output.OutputFormat;
import io.dataflow.privatelink.cli.output.Printer;
import io.dataflow.privatelink.cli.output.Terminal;
import io.dataflow.privatelink.cli.progress.Progress;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * What every command that calls the API shares: the global flags, the terminal, the API client, the
 * printer, and the rule for a required value: a flag, else a question when someone can answer, else a
 * usage error (before any request is sent).
 */
abstract class ApiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private Terminal terminal;
    private PlcApi api;
    private Prompter prompter;

    /** The command's work; returns the exit code (failures are thrown as {@code CliFailure}). */
    abstract int run();

    @Override
    public final Integer call() {
        return run();
    }

    RootCommand root() {
        return (RootCommand) spec.root().userObject();
    }

    Map<String, String> env() {
        return root().console().env();
    }

    Terminal terminal() {
        if (terminal == null) {
            terminal = root().console().terminal(root().noColor);
        }
        return terminal;
    }

    PrintStream out() {
        return root().console().stdout();
    }

    PrintStream err() {
        return root().console().stderr();
    }

    PrintStream debug() {
        return root().debug ? err() : null;
    }

    PlcApi api() {
        if (api == null) {
            try {
                api = new PlcApi(ApiTarget.resolve(env(), root().profile), debug());
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new io.dataflow.privatelink.cli.CliFailure(io.dataflow.privatelink.cli.ExitCodes.USAGE, e.getMessage());
            }
        }
        return api;
    }

    Printer printer(OutputFormat chosen, OutputFormat byDefault) {
        return new Printer(terminal(), chosen == null ? byDefault : chosen, out());
    }

    /** The zone local times are shown in ({@code TZ}, else the JVM's). */
    ZoneId zone() {
        return root().console().zone();
    }

    /** {@code --wait}'s follower: transitions and next steps on stderr. */
    Progress progress() {
        return new Progress(api(), err(), debug(), zone());
    }

    /**
     * A connection as get shows it: a table of its fields (and one of its attachments, when it has some), or
     * the API's answer as it came (JSON, YAML).
     */
    void printConnection(Printer printer, PlcApi.Answer<PrivateLinkConnection> answer) {
        PrivateLinkConnection c = answer.value();
        if (printer.format().tabular()) {
            printer.table(ConnectionTables.details(c, Instant.now(), zone()));
            if (c.attachedDomains() != null && !c.attachedDomains().isEmpty()) {
                printer.line("");
                printer.table(ConnectionTables.attachments(c.attachedDomains()));
            }
        } else {
            printer.data(answer.tree());
        }
    }

    /**
     * Stdout is not a terminal and no {@code -o} was given: the command line may be a ticloud script's, so
     * the command prints exactly what ticloud prints for it (each command says where that is written in
     * tidbcloud-cli). {@code -o} is this tool's addition (ticloud's {@code list} aside) and keeps its contract.
     */
    boolean asTicloudPrintsIt(OutputOption output) {
        return output.format == null && !terminal().stdoutIsTerminal();
    }

    /** Flags that do not name what a command acts on: giving only these still leaves it interactive. */
    private static final java.util.Set<String> NOT_KEY_FLAGS = java.util.Set.of("--output", "--wait", "--timeout",
            "--debug", "--no-color", "--profile", "--no-input", "--force", "--help", "--version");

    /**
     * Questions are asked only when someone can answer (stdin and stdout are terminals), prompting is not
     * turned off, and no key flag was given: a command line with flags is a script's, and its missing flag
     * is a usage error.
     */
    boolean mayPrompt() {
        return !root().noInput && terminal().interactive() && !keyFlagGiven();
    }

    /** Someone is there to confirm (delete): a terminal, and prompting not turned off. */
    boolean canConfirm() {
        return !root().noInput && terminal().interactive();
    }

    private boolean keyFlagGiven() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        return parsed != null && parsed.matchedOptions().stream()
                .anyMatch(option -> !NOT_KEY_FLAGS.contains(option.longestName()));
    }

    /** One per run: its reader may read ahead of the line asked for, so a second one would lose answers. */
    Prompter prompter() {
        if (prompter == null) {
            prompter = new Prompter(root().console().stdin(), out());
        }
        return prompter;
    }

    /** The flag's value; else asked on a terminal; else a usage error naming the flag. */
    String required(String value, String flag, String question, Function<String, Optional<String>> validator) {
        if (value != null && !value.isBlank()) {
            Optional<String> problem = validator.apply(value);
            if (problem.isPresent()) {
                throw usage("invalid value for " + flag + ": " + problem.get());
            }
            return value;
        }
        if (!mayPrompt()) {
            throw usage("missing required option " + flag);
        }
        return prompter().ask(question, validator);
    }

    /** {@code -c/--cluster-id}, asked for or a usage error when missing (see {@link #required}). */
    String clusterId(ClusterOption option) {
        return required(option.clusterId, "--cluster-id", "Cluster id", ApiCommand::nonEmpty);
    }

    /** {@code --private-link-connection-id}, likewise. */
    String connectionId(ConnectionIdOption option) {
        return required(option.connectionId, "--private-link-connection-id", "Connection id", ApiCommand::nonEmpty);
    }

    static Optional<String> nonEmpty(String value) {
        return value.isBlank() ? Optional.of("must not be empty") : Optional.empty();
    }

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    String connectionsPath(String clusterId) {
        return "/v1beta1/clusters/" + PlcApi.encode(clusterId) + "/privateLinkConnections";
    }

    String connectionPath(String clusterId, String connectionId) {
        return connectionsPath(clusterId) + "/" + PlcApi.encode(connectionId);
    }

    /** 90s, 10m, 2h, or an ISO-8601 duration (PT5M). */
    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use e.g. 90s, 10m, 2h");
        }
    }
}
