package io.dataflow.privatelink.cli;

import com.sun.net.httpserver.HttpServer;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.command.RootCommand;
import io.dataflow.privatelink.cli.config.CliProfiles;
import io.dataflow.privatelink.cli.output.Terminal;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.EndpointServiceNames;
import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.AwsEndpointService;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.api.GetAvailabilityZonesResponse;
import io.dataflow.privatelink.contract.api.ListPrivateLinkConnectionsResponse;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run {@code ./plc} makes its class-data-sharing archive (JDK 17+) or ahead-of-time cache
 * (JDK 25+) from, once per build and JVM: the common commands, in this JVM, against a loopback stand-in of
 * the API, so that the archive holds what a real run loads (the profiles file read, the request, the answer
 * read into the contract's types, JSON and tables written, help), not only an error path. Its output goes
 * nowhere; it touches no profile of the user's.
 */
public final class StartupTraining {

    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        Instant time = Instant.parse("2026-12-01T10:00:00Z");
        AttachDomain attachment = new AttachDomain("ad-1", "1", "plc-1", "TIDBCLOUD_MANAGED", "u1",
                List.of(new Domain("*.use1-az1.u1.plc.tidbcloud.com", "ACTIVE", null)), "training", time);
        PrivateLinkConnection connection = new PrivateLinkConnection("plc-1", "1", "training",
                ConnectionState.ACTIVE, null, "training", time, time, ConnectionType.AWS_ENDPOINT_SERVICE, null,
                new AwsEndpointService(EndpointServiceNames.AWS_EXAMPLE, "us-east-1", "vpce-1", List.of("use1-az1")),
                null);
        Map<String, Object> answers = Map.of(
                "/v1beta1/clusters/1/privateLinkConnections",
                new ListPrivateLinkConnectionsResponse(List.of(connection), null, 1),
                "/v1beta1/clusters/1/privateLinkConnections/plc-1", connection.withAttachedDomains(List.of(attachment)),
                "/v1beta1/clusters/1/privateLinkConnections:getAvailabilityZones",
                new GetAvailabilityZonesResponse("123456789012", List.of("use1-az1")));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Object answer = answers.get(exchange.getRequestURI().getPath());
            byte[] body = PlcApi.JSON.writeValueAsBytes(answer == null ? Map.of("code", 5, "message", "not found") : answer);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Path dir = Files.createTempDirectory("plc-training");
        try {
            Path profiles = dir.resolve("config.json");
            String api = "http://127.0.0.1:" + server.getAddress().getPort();
            CliProfiles.load(profiles).put("training", api, "training").useIfNoneCurrent("training").save();
            Map<String, String> env = Map.of("PLC_CONFIG", profiles.toString());
            Terminal piped = new Terminal(false, false, Integer.MAX_VALUE, false);
            Terminal terminal = new Terminal(false, true, 120, true);
            List<List<String>> runs = List.of(
                    List.of("plc", "list", "-c", "1"),
                    List.of("plc", "list", "-c", "1", "-o", "wide"),
                    List.of("plc", "get", "-c", "1", "--private-link-connection-id", "plc-1"),
                    List.of("plc", "zones", "-c", "1"),
                    List.of("plc", "list", "-c", "1", "-o", "yaml"),
                    List.of("--help"),
                    List.of("plc", "list", "--help"),
                    List.of("plc", "get", "-c", "1", "--private-link-connection-id", "missing"));
            for (Terminal device : List.of(piped, terminal)) {
                for (List<String> run : runs) {
                    run(new CliConsole(env, new ByteArrayInputStream(new byte[0]), discard(), discard(), device), run);
                }
            }
            // the process's own console too (terminal detection), its output discarded
            CommandLine real = CommandLineSetup.configure(new CommandLine(new RootCommand(
                    new CliConsole(env, System.in, discard(), discard(), null))));
            real.setOut(writer(discard())).setErr(writer(discard())).execute("plc", "list", "-c", "1");
        } finally {
            server.stop(0);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void run(CliConsole console, List<String> args) {
        CommandLine commandLine = CommandLineSetup.configure(new CommandLine(new RootCommand(console)));
        commandLine.setOut(writer(console.stdout())).setErr(writer(console.stderr()));
        commandLine.execute(args.toArray(String[]::new));
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    private static PrintStream discard() {
        return new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    }
}
