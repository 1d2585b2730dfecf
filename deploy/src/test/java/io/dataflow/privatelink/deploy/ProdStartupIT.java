package io.dataflow.privatelink.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged services in their production profile refuse to start unconfigured: nothing local is
 * assumed, and one message names every missing setting with the environment variable that sets it.
 */
class ProdStartupIT {

    private static final Path ROOT = Path.of(System.getProperty("plc.repo.root", "..")).toAbsolutePath().normalize();
    private static final List<String> INFRASTRUCTURE = List.of(
            "quarkus.datasource.reactive.url (QUARKUS_DATASOURCE_REACTIVE_URL)",
            "quarkus.datasource.username (QUARKUS_DATASOURCE_USERNAME)",
            "quarkus.datasource.password (QUARKUS_DATASOURCE_PASSWORD)",
            "kafka.bootstrap.servers (KAFKA_BOOTSTRAP_SERVERS)");
    private static final String DEPLOYMENT_ID = "plc.worker.deployment-id (PLC_WORKER_DEPLOYMENT_ID)";

    @Test
    void connectionServiceNamesEverySettingItLacks() throws Exception {
        assertRefusedNaming("connection-service", List.of(), concat(INFRASTRUCTURE,
                "plc.query-service.url (PLC_QUERY_SERVICE_URL)",
                "quarkus.oidc.auth-server-url (QUARKUS_OIDC_AUTH_SERVER_URL) or quarkus.oidc.public-key (QUARKUS_OIDC_PUBLIC_KEY)",
                "quarkus.oidc.token.audience (QUARKUS_OIDC_TOKEN_AUDIENCE)"));
    }

    @Test
    void domainServiceNamesEverySettingItLacks() throws Exception {
        assertRefusedNaming("domain-service", List.of(), concat(INFRASTRUCTURE,
                "plc.paging.token-key (PLC_PAGING_TOKEN_KEY)",
                "quarkus.oidc.auth-server-url (QUARKUS_OIDC_AUTH_SERVER_URL) or quarkus.oidc.public-key (QUARKUS_OIDC_PUBLIC_KEY)",
                "quarkus.oidc.token.audience (QUARKUS_OIDC_TOKEN_AUDIENCE)"));
    }

    @Test
    void domainServiceRefusesTheLocalPageTokenKey() throws Exception {
        assertRefusedNaming("domain-service", List.of("-Dplc.paging.token-key=local-page-token-key-change-me"),
                List.of("refused: plc.paging.token-key (PLC_PAGING_TOKEN_KEY) holds a local placeholder"));
    }

    @Test
    void theAwsWorkerNamesEverySettingItLacksButNoCloudKey() throws Exception {
        String output = assertRefusedNaming("provider-worker-aws", List.of(), concat(INFRASTRUCTURE, DEPLOYMENT_ID));
        assertTrue(!output.contains("plc.aws."), "the SDK's default chain and endpoints apply: " + output);
    }

    @Test
    void theAlicloudWorkerNamesEverySettingItLacksButNoCloudKey() throws Exception {
        String output = assertRefusedNaming("provider-worker-alicloud", List.of(), concat(INFRASTRUCTURE, DEPLOYMENT_ID));
        assertTrue(!output.contains("plc.alicloud."), "the SDK's credentials chain and the region's endpoint apply: "
                + output);
    }

    /**
     * Starts the service's packaged jar with {@code -Dquarkus.profile=prod}, in an environment without
     * QUARKUS_*, KAFKA_* or PLC_* variables, and checks that it exits non-zero, in one message naming each of
     * {@code expected}. Returns what it printed.
     */
    private static String assertRefusedNaming(String service, List<String> properties, List<String> expected)
            throws IOException, InterruptedException {
        Path jar = ROOT.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built before the integration tests");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Dquarkus.profile=prod",
                // should the check not stop it: no port taken from anything else on this machine
                "-Dquarkus.http.port=0", "-Dquarkus.management.port=0"));
        command.addAll(properties);
        command.addAll(List.of("-jar", jar.toString()));
        Path log = Files.createTempFile(service + "-prod-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("KAFKA_")
                || name.startsWith("PLC_"));
        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertTrue(exited, service + " did not stop within 60 s: " + output);
        assertNotEquals(0, process.exitValue(), output);
        for (String setting : expected) {
            assertTrue(output.contains(setting), setting + " in the output of " + service + ":\n" + output);
        }
        assertTrue(output.contains("This service cannot start"), "one message: " + output);
        return output;
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
