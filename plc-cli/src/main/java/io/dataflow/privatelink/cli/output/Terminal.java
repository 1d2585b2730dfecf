package io.dataflow.privatelink.cli.output;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the CLI knows of where it runs: whether stdin and stdout are terminals (prompts and tables need
 * both, pipes get plain rows), the width to fit, and whether colour is wanted ({@code NO_COLOR},
 * {@code --no-color}, never when piped).
 */
public record Terminal(boolean stdinIsTerminal, boolean stdoutIsTerminal, int width, boolean color) {

    private static final int DEFAULT_WIDTH = 100;

    public static Terminal detect(Map<String, String> env, boolean noColorFlag) {
        boolean in = isTerminal(0);
        boolean out = isTerminal(1);
        return new Terminal(in, out, out ? width(env) : Integer.MAX_VALUE, out).withColorRule(env, noColorFlag);
    }

    /** This device with colour only where it could show it and nothing turned it off. */
    public Terminal withColorRule(Map<String, String> env, boolean noColorFlag) {
        boolean wanted = color && stdoutIsTerminal && !noColorFlag && env.get("NO_COLOR") == null
                && !"dumb".equals(env.get("TERM"));
        return new Terminal(stdinIsTerminal, stdoutIsTerminal, width, wanted);
    }

    /** Prompts are allowed: someone can answer and see the question. */
    public boolean interactive() {
        return stdinIsTerminal && stdoutIsTerminal;
    }

    /** Linux: the descriptor's target is a tty device; elsewhere, the JDK's console (both ends a terminal). */
    private static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.exists(Path.of("/proc/self/fd"))) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return Optional.ofNullable(System.console()).map(Terminal::consoleIsTerminal).orElse(false);
    }

    /**
     * Up to JDK 21 the JDK has a console only while stdin and stdout are both terminals; from JDK 22 on it
     * has one regardless, and {@code Console.isTerminal()} (absent before) tells.
     */
    private static boolean consoleIsTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static int width(Map<String, String> env) {
        String columns = env.get("COLUMNS");
        if (columns != null) {
            try {
                return Math.max(40, Integer.parseInt(columns.strip()));
            } catch (NumberFormatException ignored) {
                // ask the terminal
            }
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0 && out.contains(" ")) {
                return Math.max(40, Integer.parseInt(out.substring(out.indexOf(' ') + 1)));
            }
        } catch (IOException | NumberFormatException e) {
            // no stty: the default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DEFAULT_WIDTH;
    }
}
