package io.dataflow.privatelink.cli;

import io.dataflow.privatelink.cli.output.Terminal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a run of {@code plc} sees of its process: the environment, the standard streams, and the terminal.
 * {@link #system()} is the real process's; a test gives its own, so a command runs in-process.
 *
 * @param terminal null: detected from the process's file descriptors; else this device as given (stdin and
 *                 stdout terminals or not, width, colour possible), the colour rule still applied
 */
public record CliConsole(Map<String, String> env, InputStream stdin, PrintStream stdout, PrintStream stderr,
                         Terminal terminal) {

    public static CliConsole system() {
        return new CliConsole(System.getenv(), System.in, System.out, System.err, null);
    }

    /** The terminal this run writes to, colour as {@code --no-color}, {@code NO_COLOR} and {@code TERM} say. */
    public Terminal terminal(boolean noColorFlag) {
        return terminal == null ? Terminal.detect(env, noColorFlag) : terminal.withColorRule(env, noColorFlag);
    }
}
