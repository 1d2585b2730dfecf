package io.dataflow.privatelink.deploy.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The images profile builds each service and the CLI to an OCI image tarball without a Docker daemon (Jib),
 * here on a JRE base made on this machine ({@link LocalJreImage}: no registry is reachable). Each image is then
 * unpacked and run as a container runtime would run it: its entrypoint, as its user, in a root filesystem it
 * cannot write (only {@code /tmp}, an emptyDir in Kubernetes, is writable), with {@code /proc} mounted
 * (user, mount and PID namespaces through {@code unshare}).
 */
class ContainerImagesIT {

    private static final Path ROOT = Path.of(System.getProperty("plc.repo.root", "..")).toAbsolutePath().normalize();
    private static final List<String> IMAGES = List.of("connection-service", "domain-service", "provider-worker-aws",
            "provider-worker-alicloud", "plc-cli");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    @BeforeAll
    static void buildImages() throws Exception {
        Path base = LocalJreImage.build(work.resolve("base"));
        // The images profile's Jib configuration on the fast-jars this build made. Not `package` (README's command
        // does the same in one step): it would rewrite target/quarkus-app while the other end-to-end tests run
        // those very jars. `-am compile` puts the modules they depend on in the session (a fresh machine has none
        // of the project's own artifacts in its local repository); nothing is recompiled.
        LocalJreImage.run(ROOT.resolve("mvnw").toString(), "-q", "-f", ROOT.resolve("pom.xml").toString(), "-Pimages",
                "-pl", String.join(",", IMAGES), "-am", "-DskipTests", "compile", "jib:buildTar",
                "-Dplc.image.base=tar://" + base, "-Djib.console=plain", "-Djib.disableUpdateChecks=true");
    }

    @Test
    void everyImageRunsAsAnUnprivilegedUserWithItsHeapAShareOfTheContainersMemory() throws Exception {
        for (String module : IMAGES) {
            JsonNode config = Unpacked.of(module).config.path("config");
            assertEquals("10001:10001", config.path("User").asText(), module + " runs as user 10001, not root");
            List<String> entrypoint = strings(config.path("Entrypoint"));
            assertTrue(entrypoint.contains("-XX:MaxRAMPercentage=75"), module + ": " + entrypoint);
            assertEquals("/deployments/quarkus-run.jar", entrypoint.get(entrypoint.size() - 1), module + ": " + entrypoint);
        }
        // The JVM in the image reads the container's limit (container support on) and sizes the heap from it.
        Unpacked cli = Unpacked.of("plc-cli");
        List<String> flags = new ArrayList<>(cli.entrypoint().subList(0, cli.entrypoint().indexOf("-jar")));
        flags.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        String printed = cli.run(flags).output;
        assertTrue(printed.matches("(?s).*double MaxRAMPercentage\\s+= 75\\.0.*"), printed);
        assertTrue(printed.matches("(?s).*bool UseContainerSupport\\s+= true.*"), printed);
    }

    @Test
    void theCliImageRunsFromAReadOnlyRootFilesystem() throws Exception {
        Unpacked cli = Unpacked.of("plc-cli");
        List<String> help = new ArrayList<>(cli.entrypoint());
        help.add("--help");
        Result result = cli.run(help);
        assertEquals(0, result.exitCode, result.output);
        assertTrue(result.output.contains("Usage: plc"), result.output);
    }

    @Test
    void aServiceImageStartsFromAReadOnlyRootFilesystemAndRefusesToRunUnconfigured() throws Exception {
        for (String service : List.of("connection-service", "provider-worker-aws")) {
            Unpacked image = Unpacked.of(service);
            Result result = image.run(image.entrypoint());
            // It got as far as its own configuration check: the JVM, the fast-jar and Quarkus started as user
            // 10001 without writing anywhere but /tmp, and production's profile names what it lacks.
            assertNotEquals(0, result.exitCode, result.output);
            assertTrue(result.output.contains("QUARKUS_DATASOURCE_REACTIVE_URL"), service + ": " + result.output);
            assertFalse(result.output.contains("Read-only file system"), service + ": " + result.output);
            assertFalse(result.output.contains("Permission denied"), service + ": " + result.output);
        }
    }

    /**
     * The read side's image, configured as Kubernetes configures it (environment variables) against a real
     * PostgreSQL and Kafka: it migrates its schema, serves and reports ready, writing nowhere but {@code /tmp}.
     */
    @Test
    void theReadSideImageStartsAndServesFromAReadOnlyRootFilesystem() throws Exception {
        io.dataflow.privatelink.infra.SharedInfra.startAll();
        io.dataflow.privatelink.infra.EmbeddedPostgresServer postgres = io.dataflow.privatelink.infra.SharedInfra.postgres();
        postgres.createDatabaseIfAbsent("image_domain_service");
        java.security.KeyPairGenerator keys = java.security.KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        String publicKey = java.util.Base64.getEncoder().encodeToString(keys.generateKeyPair().getPublic().getEncoded());
        int port = io.dataflow.privatelink.infra.Ports.freePort();
        int management = io.dataflow.privatelink.infra.Ports.freePortOtherThan(port);
        java.util.Map<String, String> env = java.util.Map.ofEntries(
                java.util.Map.entry("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl("image_domain_service")),
                java.util.Map.entry("QUARKUS_DATASOURCE_USERNAME", postgres.username()),
                java.util.Map.entry("QUARKUS_DATASOURCE_PASSWORD", postgres.password()),
                java.util.Map.entry("KAFKA_BOOTSTRAP_SERVERS", io.dataflow.privatelink.infra.SharedInfra.kafka().bootstrapServers()),
                java.util.Map.entry("PLC_KAFKA_REPLICATION_FACTOR", "1"),
                java.util.Map.entry("PLC_KAFKA_MIN_INSYNC_REPLICAS", "1"),
                java.util.Map.entry("PLC_PAGING_TOKEN_KEY", java.util.UUID.randomUUID().toString()),
                java.util.Map.entry("QUARKUS_OIDC_PUBLIC_KEY", publicKey),
                java.util.Map.entry("QUARKUS_OIDC_TOKEN_AUDIENCE", "plc-api"),
                java.util.Map.entry("QUARKUS_HTTP_PORT", String.valueOf(port)),
                java.util.Map.entry("QUARKUS_MANAGEMENT_PORT", String.valueOf(management)));
        Unpacked image = Unpacked.of("domain-service");
        Path log = work.resolve("domain-service-image.log");
        Process service = image.start(image.entrypoint(), env, log);
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.URI ready = java.net.URI.create("http://127.0.0.1:" + management + "/q/health/ready");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2))
                    .pollInterval(java.time.Duration.ofMillis(500))
                    .failFast("the service exited: " + Files.readString(log), () -> !service.isAlive())
                    .until(() -> status(http, ready) == 200);
        } finally {
            // unshare outlives a SIGTERM of its own while its child runs: stop the service, then unshare
            service.descendants().forEach(ProcessHandle::destroy);
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.descendants().forEach(ProcessHandle::destroyForcibly);
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertFalse(service.isAlive() || service.descendants().anyMatch(ProcessHandle::isAlive), "the service stopped");
        String output = Files.readString(log);
        assertFalse(output.contains("Read-only file system"), output);
        assertFalse(output.contains("Permission denied"), output);
        // production's log format: one JSON object per line
        assertTrue(output.lines().anyMatch(l -> l.startsWith("{") && l.contains("\"loggerName\"")), output);
    }

    private static int status(java.net.http.HttpClient http, java.net.URI uri) {
        try {
            return http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private record Result(int exitCode, String output) {
    }

    /** An image tarball unpacked into a root filesystem, once per module. */
    private record Unpacked(Path rootfs, JsonNode config) {

        static Unpacked of(String module) throws IOException, InterruptedException {
            Path dir = work.resolve("unpacked").resolve(module);
            Path rootfs = dir.resolve("rootfs");
            if (!Files.isDirectory(rootfs)) {
                Path image = ROOT.resolve(module).resolve("target/image/" + module + ".tar");
                assertTrue(Files.isRegularFile(image), image + " built");
                Path layout = Files.createDirectories(dir.resolve("layout"));
                LocalJreImage.run("tar", "-xf", image.toString(), "-C", layout.toString());
                JsonNode manifest = JSON.readTree(layout.resolve("manifest.json").toFile()).get(0);
                Files.createDirectories(rootfs);
                for (JsonNode layer : manifest.path("Layers")) {
                    LocalJreImage.run("tar", "-xf", layout.resolve(layer.asText()).toString(), "-C", rootfs.toString());
                }
                Files.copy(layout.resolve(manifest.path("Config").asText()), dir.resolve("config.json"));
                // Read-only, as readOnlyRootFilesystem makes it; /tmp stays writable (Kubernetes mounts an emptyDir).
                LocalJreImage.run("chmod", "-R", "a-w", rootfs.toString());
                LocalJreImage.run("chmod", "1777", rootfs.resolve("tmp").toString());
            }
            return new Unpacked(rootfs, JSON.readTree(dir.resolve("config.json").toFile()));
        }

        List<String> entrypoint() {
            return strings(config.path("config").path("Entrypoint"));
        }

        /** Runs a command in the image as its user would: its PATH, its working directory, its root. */
        Result run(List<String> command) throws IOException, InterruptedException {
            Process process = builder(command, java.util.Map.of()).redirectErrorStream(true).start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(process.waitFor(2, TimeUnit.MINUTES), "ended: " + output);
            return new Result(process.exitValue(), output);
        }

        /** Starts a command as {@link #run} does, with more environment, its output into {@code log}. */
        Process start(List<String> command, java.util.Map<String, String> env, Path log) throws IOException {
            return builder(command, env).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        }

        private ProcessBuilder builder(List<String> command, java.util.Map<String, String> env) {
            String[] user = (config.path("config").path("User").asText("0") + ":").split(":", -1);
            String uid = user[0].isEmpty() ? "0" : user[0];
            String gid = user.length > 1 && !user[1].isEmpty() ? user[1] : uid;
            List<String> full = new ArrayList<>(List.of("/usr/bin/unshare", "--map-user=" + uid, "--map-group=" + gid,
                    "--fork", "--kill-child", "--pid", "--mount", "--mount-proc=/proc", "--root=" + rootfs,
                    "--wd=" + config.path("config").path("WorkingDir").asText("/")));
            full.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(full);
            builder.environment().clear();
            config.path("config").path("Env").forEach(e -> {
                String[] kv = e.asText().split("=", 2);
                builder.environment().put(kv[0], kv[1]);
            });
            builder.environment().putAll(env);
            return builder;
        }
    }
}
