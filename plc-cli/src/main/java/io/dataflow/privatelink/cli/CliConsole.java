package io.dataflow.privatelink.cli;

import io.dataflow.privatelink.cli.output.Terminal;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.DateTimeException;
import java.time.ZoneId;
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

    /**
     * The zone local times are shown in: {@code TZ} of this run's environment (a zone id, {@code :} before it
     * allowed), as the JVM reads it for the process; else the JVM's default.
     */
    public ZoneId zone() {
        String tz = env.get("TZ");
        if (tz != null && !tz.isBlank()) {
            try {
                return ZoneId.of(tz.startsWith(":") ? tz.substring(1) : tz);
            } catch (DateTimeException notAZoneId) {
                return ZoneId.systemDefault(); // a path or POSIX rule: the JVM made its default from it
            }
        }
        return ZoneId.systemDefault();
    }
}
