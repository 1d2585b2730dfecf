package io.dataflow.privatelink.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.privatelink.deploy.chaos.StatusSubscriber;
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

    /** How often each client of the burst sends a create: a steady load across the stop and the restart. */
    private static final Duration PACE = Duration.ofMillis(100);

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

    /**
     * A rollout stops services with SIGTERM: connection-service in the middle of a burst of creates, then
     * domain-service under open status streams. Every create the API accepted takes effect; every stream is
     * ended cleanly (domain-service hands each over with where to resume) and resumes, missing nothing.
     */
    @Test
    void aRolloutLosesNoAcceptedCreateAndEveryStatusStreamResumes() throws Exception {
        String connections = api.awsConnections();
        List<StatusSubscriber> streams = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> new StatusSubscriber(connections + ":watch", api.env.get("PLC_TOKEN"))).toList();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            String first = api.createAwsConnection("streams-connected");
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.stream().allMatch(s -> saw(s, first)));

            // four clients create, ten a second each, before, during and after connection-service's stop
            List<String> accepted = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            java.util.concurrent.atomic.AtomicInteger notAccepted = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean creating = new java.util.concurrent.atomic.AtomicBoolean(true);
            List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
            for (int client = 0; client < 4; client++) {
                String prefix = "burst-" + client + "-";
                running.add(clients.submit(() -> {
                    for (int n = 0; creating.get(); n++) {
                        long next = System.nanoTime() + PACE.toNanos();
                        String id = createOrNull(prefix + n);
                        if (id != null) {
                            accepted.add(id);
                        } else {
                            notAccepted.incrementAndGet();
                        }
                        java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= 10);
            long stopping = System.nanoTime();
            api.stack.stopService("connection-service");
            long stopped = System.nanoTime();
            api.stack.startServiceAgain("connection-service");
            System.out.printf("connection-service: SIGTERM to exit %d ms, restart to ready %d ms%n",
                    (stopped - stopping) / 1_000_000, (System.nanoTime() - stopped) / 1_000_000);
            int beforeRestart = accepted.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= beforeRestart + 10);
            creating.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS));
            for (java.util.concurrent.Future<?> client : running) {
                client.get(); // a client that failed shows its exception here
            }
            System.out.printf("connection-service stopped during a burst of creates: %d accepted, %d refused or"
                    + " unreachable%n", accepted.size(), notAccepted.get());
            assertTrue(notAccepted.get() > 0, "the stop fell in the middle of the burst");
            for (String id : accepted) {
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> api.get(connections + "/" + id));
            }

            api.stack.stopService("domain-service");
            await().atMost(Duration.ofSeconds(30)).until(() -> streams.stream().allMatch(s -> s.resyncs() >= 1));
            api.stack.startServiceAgain("domain-service");
            String after = api.createAwsConnection("after-the-rollout");
            List<String> expected = new java.util.ArrayList<>(accepted);
            expected.add(after);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (StatusSubscriber stream : streams) {
                    for (String id : expected) {
                        assertTrue(saw(stream, id), "a stream missed " + id + " across the rollout");
                    }
                }
            });
        } finally {
            clients.shutdownNow();
            streams.forEach(StatusSubscriber::close);
        }
    }

    private static boolean saw(StatusSubscriber stream, String connectionId) {
        return stream.seen().stream().anyMatch(seen -> connectionId.equals(seen.connectionId()));
    }

    /** The new connection's id when the API accepted the create, null when it refused or was unreachable. */
    private static String createOrNull(String name) {
        try {
            var response = api.post(api.awsConnections(), """
                    {"privateLinkConnection": {"displayName": "%s", "type": "AWS_ENDPOINT_SERVICE",
                     "awsEndpointService": {"name": "%s"}}}""".formatted(name, api.env.get("PLC_AWS_SERVICE_NAME")),
                    java.util.Map.of());
            return response.statusCode() == 200
                    ? StackApi.JSON.readTree(response.body()).path("privateLinkConnectionId").asText() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception unreachable) {
            return null;
        }
    }

    private static JsonNode awaitState(String url, String state, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get(url), node -> state.equals(node.path("state").asText()));
    }
}
