package io.dataflow.privatelink.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.privatelink.cli.CliFailure;
import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.output.ConnectivityReport;
import io.dataflow.privatelink.cli.output.OutputFormat;
import io.dataflow.privatelink.cli.output.Printer;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tests a connection end to end ({@code POST …:testConnectivity}, additive): the platform's worker checks the
 * endpoint, the attached domains' names, TCP through the endpoint and, with {@code --kafka}, what the brokers
 * advertise. The test runs asynchronously; the command polls the connection ({@code GET}, every second) until
 * its {@code connectivityTest} is this test, done, then prints its checks. Not a ticloud command: its rows are
 * its default, piped too; {@code -o json} prints the API's {@code connectivityTest} as sent.
 */
@Command(name = "test-connectivity", mixinStandardHelpOptions = true, description = {
        "Test that dataflow can reach your service through a connection: its endpoint, the attached domains' names,"
                + " TCP to each target and, with --kafka, the brokers' advertised names.",
        "Waits for the test's checks and prints them, a failed check's advice under it. Not a ticloud command:"
                + " its rows are its output, piped too; -o json prints the API's connectivityTest.",
        "Exit code 6 when the test ran and a check failed, 3 when --timeout passes first."})
public class TestConnectivityCommand extends ApiCommand {

    /** How often the connection is read while its test runs. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    @Mixin
    ClusterOption cluster;

    @Mixin
    ConnectionIdOption connection;

    @Option(names = "--port", paramLabel = "PORT", converter = Converters.Port.class,
            description = "The port to try on the attached domains' names (Kafka's 9092 with --kafka when neither"
                    + " it nor a --target is given).")
    Integer port;

    @Option(names = "--kafka", description = "Also ask the brokers for metadata and check what they advertise.")
    boolean kafka;

    @Option(names = "--target", paramLabel = "HOST:PORT", converter = Converters.Target.class,
            description = "A host and port to reach through the connection (a name under an attached domain);"
                    + " repeat for more.")
    List<ConnectivityTarget> targets;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.Timeout.class, defaultValue = "2m",
            description = "How long to wait for the checks (default ${DEFAULT-VALUE}); then exit code 3.")
    Duration timeout;

    @Mixin
    OutputOption output;

    @Override
    int run() {
        String clusterId = clusterId(cluster);
        String connectionId = connectionId(connection);
        String path = connectionPath(clusterId, connectionId);
        JsonNode started = api().call("POST", path + ":testConnectivity", body(), Map.of(), JsonNode.class, false);
        String testId = started == null ? "" : started.path("testId").asText("");
        if (testId.isEmpty()) {
            throw new CliFailure(ExitCodes.ERROR, "the API's answer names no test (testId): " + started);
        }
        err().println("Connectivity test " + testId + " started; waiting for its checks");
        JsonNode test = awaitEnd(path, testId, "plc plc get -c " + clusterId + " --private-link-connection-id "
                + connectionId);
        Printer printer = printer(output.format, OutputFormat.HUMAN);
        if (printer.format().tabular()) {
            printer.line(ConnectivityReport.render(test, printer.terminal(), printer.format() == OutputFormat.WIDE));
        } else {
            printer.data(test);
        }
        return ConnectivityReport.failed(test) ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    /** Only what was given: the API's defaults apply to the rest. */
    private Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (targets != null && !targets.isEmpty()) {
            body.put("targets", targets);
        }
        if (port != null) {
            body.put("port", port);
        }
        if (kafka) {
            body.put("kafka", true);
        }
        return body;
    }

    /** The connection's {@code connectivityTest} once it is this test and no longer RUNNING; exit 3 at the deadline. */
    private JsonNode awaitEnd(String path, String testId, String getCommand) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode test = api().get(path, JsonNode.class).path("connectivityTest");
            if (testId.equals(test.path("testId").asText()) && !"RUNNING".equals(test.path("state").asText("RUNNING"))) {
                return test;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new CliFailure(ExitCodes.TIMED_OUT, "timed out before connectivity test " + testId
                        + " ended (--timeout); once it has run, '" + getCommand + "' shows its checks");
            }
            try {
                // polling the connection between reads, not a wait for a condition this process controls
                Thread.sleep(Math.min(POLL_INTERVAL.toMillis(), Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliFailure(ExitCodes.ERROR, "interrupted");
            }
        }
    }
}
