package io.dataflow.privatelink.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.privatelink.cli.CliConsole;
import io.dataflow.privatelink.cli.CommandLineSetup;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.output.Terminal;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs {@code plc} in-process as a shell runs the program: a new command line per run, configured as in
 * production ({@link CommandLineSetup#configure}); an environment that names a scripted {@link StubApi}
 * ({@code PLC_API}, {@code PLC_TOKEN}) and a profiles file of its own ({@code PLC_CONFIG}, not yet written);
 * scripted stdin; stdout and stderr captured; a terminal that is there or not (piped unless told).
 * Register it with {@code @RegisterExtension}: each test gets a fresh stub and folder.
 */
final class CliHarness implements BeforeEachCallback, AfterEachCallback {

    /** What every run sends as its token; no output may show it. */
    static final String TOKEN = "t0ken-that-is-never-printed";

    /** Stdin and stdout are pipes: no prompts, plain rows, no colour (as {@code Terminal.detect} finds it). */
    static final Terminal PIPED = new Terminal(false, false, Integer.MAX_VALUE, false);

    /** How a run ended. */
    record Run(int exitCode, String stdout, String stderr) {

        JsonNode json() {
            try {
                return PlcApi.JSON.readTree(stdout);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not JSON: " + this, e);
            }
        }

        List<String> lines() {
            return stdout.lines().toList();
        }

        /** Stderr with each progress line's seconds since the wait began ("[   1.2s] ") shown as "[t] ". */
        String progress() {
            return stderr.replaceAll("\\[ *\\d+\\.\\ds] ", "[t] ");
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    StubApi api;
    Path dir;
    Path profilesFile;
    private Map<String, String> env;
    private Terminal terminal;
    private String stdin;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        api = new StubApi();
        dir = Files.createTempDirectory("plc-cli-test");
        profilesFile = dir.resolve("plc/config.json");
        env = new HashMap<>(Map.of("PLC_API", api.base(), "PLC_TOKEN", TOKEN, "PLC_CONFIG", profilesFile.toString()));
        terminal = PIPED;
        stdin = "";
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        api.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Sets (null: removes) an environment variable for the following runs. */
    CliHarness env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    /** Stdin and stdout a terminal this wide, colour possible: prompts and tables. */
    CliHarness onTerminal(int width) {
        return terminal(new Terminal(true, true, width, true));
    }

    CliHarness terminal(Terminal device) {
        terminal = device;
        return this;
    }

    /** What the user types (or a pipe holds), one line each, for the following runs. */
    CliHarness stdin(String... lines) {
        stdin = lines.length == 0 ? "" : String.join("\n", lines) + "\n";
        return this;
    }

    /** {@code plc args…}: its exit code and what it printed. */
    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        CliConsole console = new CliConsole(Map.copyOf(env),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), stdout, stderr, terminal);
        CommandLine commandLine = CommandLineSetup.configure(new CommandLine(new RootCommand(console)));
        // picocli's own output (help, usage errors) goes where the process's stdout and stderr would
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true));
        int exitCode = commandLine.execute(args);
        stdout.flush();
        stderr.flush();
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
