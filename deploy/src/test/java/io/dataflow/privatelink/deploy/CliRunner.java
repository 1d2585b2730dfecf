package io.dataflow.privatelink.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ./plc} as a user's shell would: a process of its own, with only the profiles file
 * ({@code PLC_CONFIG}) the local stack wrote, so every command works with no flag for the API or token.
 */
final class CliRunner {

    /** How a run ended: exit code and what it printed. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final Path root;
    private final Map<String, String> env;

    CliRunner(Path root, Path cliConfig) {
        this.root = root;
        this.env = new HashMap<>();
        env.put("PLC_CONFIG", cliConfig.toString());
    }

    Result run(String... args) throws Exception {
        return finish(start(args), Duration.ofMinutes(2));
    }

    Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("plc").toString()));
        command.addAll(List.of(args));
        return process(command, null);
    }

    private static Result finish(Process process, Duration atMost) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outReader = copy(process.getInputStream(), out);
        Thread errReader = copy(process.getErrorStream(), err);
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("plc did not end within " + atMost + "; printed:\n" + out + "\n" + err);
        }
        outReader.join();
        errReader.join();
        return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs the command in a pseudo-terminal ({@code script}, util-linux), answering each prompt (in order)
     * once it appears; returns everything the terminal showed.
     */
    Result inTerminal(String commandLine, Map<String, String> answers, Duration atMost) throws Exception {
        String shellCommand = "COLUMNS=120 bash " + root.resolve("plc") + " " + commandLine;
        Process process = process(List.of("script", "-qec", shellCommand, "/dev/null"), null);
        OutputStream keyboard = process.getOutputStream();
        InputStream screen = process.getInputStream();
        StringBuilder shown = new StringBuilder();
        long deadline = System.nanoTime() + atMost.toNanos();
        List<Map.Entry<String, String>> pending = new ArrayList<>(answers.entrySet());
        byte[] buffer = new byte[4096];
        int searchFrom = 0;
        while (true) {
            int n = screen.read(buffer); // blocks until the terminal shows more, or the program ends
            if (n < 0) {
                break;
            }
            shown.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            while (!pending.isEmpty()) {
                int at = shown.indexOf(pending.get(0).getKey(), searchFrom);
                if (at < 0) {
                    break;
                }
                searchFrom = at + pending.get(0).getKey().length();
                keyboard.write((pending.remove(0).getValue() + "\n").getBytes(StandardCharsets.UTF_8));
                keyboard.flush();
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("the terminal session did not end within " + atMost + "; it showed:\n" + shown);
            }
        }
        process.waitFor(30, TimeUnit.SECONDS);
        if (!pending.isEmpty()) {
            throw new AssertionError("never asked " + pending.get(0).getKey() + "; the terminal showed:\n" + shown);
        }
        return new Result(process.exitValue(), shown.toString(), "");
    }

    private Process process(List<String> command, Path dir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory((dir == null ? root : dir).toFile());
        builder.environment().remove("PLC_API");
        builder.environment().remove("PLC_TOKEN");
        builder.environment().remove("NO_COLOR");
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Copies a process's output on a thread of its own until it ends. */
    static Thread copy(InputStream in, OutputStream out) {
        Thread thread = new Thread(() -> {
            try (in) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
