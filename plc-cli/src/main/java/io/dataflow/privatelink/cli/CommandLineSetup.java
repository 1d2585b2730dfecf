package io.dataflow.privatelink.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * How failures reach the user: a usage error names what is wrong and how to get help (exit 2, nothing was
 * sent); any other failure prints "Error: " and the API's code and message on stderr with its exit code
 * ({@link ExitCodes}); a stack trace only with {@code --debug}.
 */
public final class CommandLineSetup {

    private CommandLineSetup() {
    }

    /** The handling above on a command line (the process's: {@link Plc}, {@link QuarkusCommandLine}; a test's). */
    public static CommandLine configure(CommandLine commandLine) {
        return commandLine
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(CommandLineSetup::usageError)
                .setExecutionExceptionHandler(CommandLineSetup::failure);
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("Error: " + e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, err);
        }
        err.println("See '" + command.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int failure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (e instanceof CliFailure failure) {
            err.println("Error: " + failure.getMessage());
            debugTrace(e, parsed, err);
            err.flush();
            return failure.exitCode();
        }
        err.println("Error: " + e);
        debugTrace(e, parsed, err);
        err.flush();
        return ExitCodes.ERROR;
    }

    private static void debugTrace(Exception e, CommandLine.ParseResult parsed, PrintWriter err) {
        if (debugDeep(parsed)) {
            e.printStackTrace(err);
        }
    }

    private static boolean debugDeep(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult current = parsed;
        while (current != null) {
            if (current.hasMatchedOption("--debug")) {
                return true;
            }
            current = current.subcommand();
        }
        return false;
    }
}
