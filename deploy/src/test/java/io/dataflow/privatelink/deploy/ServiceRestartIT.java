package io.dataflow.privatelink.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service killed as a crash would (SIGKILL, no goodbye to Kafka) and started again by its supervisor
 * resumes its work at once: static group membership gives it its partitions back without waiting for the
 * dead instance's session to time out (45 s by default).
 */
class ServiceRestartIT {

    /** What the issue promises: work resumes within this after the restarted service is ready. */
    private static final Duration RESUMES_WITHIN = Duration.ofSeconds(10);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed run keeps its logs/ for diagnosis
    static Path dataDir;

    @RegisterExtension
    final ServiceErrorsOnFailure serviceErrors = new ServiceErrorsOnFailure(() -> dataDir);

    static StackApi api;

    @BeforeAll
    static void startStack() throws Exception {
        api = StackApi.start(dataDir, List.of());
    }

    @AfterAll
    static void stopStack() {
        if (api != null) {
            api.stack.close();
        }
    }

    @Test
    void aKilledWorkerAndAKilledReadSideResumeWithinTenSecondsOfTheirRestart() throws Exception {
        String connections = api.awsConnections();
        String first = api.createAwsConnection("before-the-crash");
        awaitState(connections + "/" + first, "PENDING_ACCEPTANCE", Duration.ofSeconds(60));

        api.stack.killService("provider-worker-aws");
        api.stack.startServiceAgain("provider-worker-aws");
        long workerReady = System.nanoTime();
        String second = api.createAwsConnection("after-the-worker-crash");
        JsonNode pending = awaitState(connections + "/" + second, "PENDING_ACCEPTANCE", Duration.ofSeconds(60));
        Duration workerResumed = Duration.ofNanos(System.nanoTime() - workerReady);
        System.out.printf("provider-worker-aws killed and restarted: a create reached PENDING_ACCEPTANCE %d ms after"
                + " it was ready%n", workerResumed.toMillis());
        assertTrue(workerResumed.compareTo(RESUMES_WITHIN) <= 0, "the restarted worker took " + workerResumed);

        api.stack.killService("domain-service");
        api.stack.startServiceAgain("domain-service");
        long readSideReady = System.nanoTime();
        try (Ec2Client owner = api.customerEc2()) {
            owner.acceptVpcEndpointConnections(r -> r.serviceId(api.env.get("PLC_AWS_SERVICE_ID"))
                    .vpcEndpointIds(pending.path("awsEndpointService").path("endpointId").asText()));
        }
        awaitState(connections + "/" + second, "ACTIVE", Duration.ofSeconds(60));
        Duration readSideResumed = Duration.ofNanos(System.nanoTime() - readSideReady);
        System.out.printf("domain-service killed and restarted: an accepted endpoint was ACTIVE in the read model %d ms"
                + " after it was ready%n", readSideResumed.toMillis());
        assertTrue(readSideResumed.compareTo(RESUMES_WITHIN) <= 0, "the restarted read side took " + readSideResumed);
    }

    private static JsonNode awaitState(String url, String state, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get(url), node -> state.equals(node.path("state").asText()));
    }
}
