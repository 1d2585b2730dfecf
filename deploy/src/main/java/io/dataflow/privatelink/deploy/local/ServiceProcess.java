package io.dataflow.privatelink.deploy.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged Quarkus service running as a child process, its output in a log file. */
final class ServiceProcess {

    private final String name;
    private final int port;
    private final int managementPort;
    private final Process process;
    private final Path log;
    private final Path runnerJar;
    private final Map<String, String> properties;

    private ServiceProcess(String name, int port, int managementPort, Process process, Path log, Path runnerJar,
                           Map<String, String> properties) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
        this.runnerJar = runnerJar;
        this.properties = Map.copyOf(properties);
    }

    static ServiceProcess start(String name, Path runnerJar, int port, int managementPort, Map<String, String> properties,
                                Path logDir) throws IOException {
        if (!Files.isRegularFile(runnerJar)) {
            throw new IllegalStateException(runnerJar + " is missing: build first (./mvnw -DskipTests package)");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small heaps and one JIT tier: four services share two cores and start faster this way.
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.management.port=" + managementPort);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(runnerJar.toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ServiceProcess(name, port, managementPort, process, log, runnerJar, properties);
    }

    /** The same service started again: same jar, port, configuration and log. */
    ServiceProcess startAgain() throws IOException {
        return start(name, runnerJar, port, managementPort, properties, log.getParent());
    }

    /** Kills the process as a crash would (SIGKILL): no shutdown, no goodbye to Kafka or PostgreSQL. */
    void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String name() {
        return name;
    }

    /** The management interface (/q/health), apart from the service's own port. */
    URI managementUri() {
        return URI.create("http://localhost:" + managementPort);
    }

    /** Waits until the service reports ready on /q/health/ready, or fails with the log's location. */
    void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(managementUri().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log);
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    /** Asks the service to shut down (SIGTERM: Quarkus stops gracefully); {@link #awaitStopped} waits. */
    void requestStop() {
        process.destroy();
    }

    void awaitStopped() {
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
