package io.dataflow.privatelink.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.privatelink.deploy.local.LocalStack;
import io.dataflow.privatelink.infra.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL dies in the middle of a burst of creates and comes back 8 seconds later, under the running
 * stack. Callers that got 503 retry with the same Idempotency-Key, as the error tells them to. In the end
 * every create made exactly one connection, every connection becomes ACTIVE once its owner accepts it
 * (read model, worker and cloud agree), and nothing was dead-lettered: the outage was waited out.
 */
class DatabaseOutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int CREATES = 80;
    private static final Duration OUTAGE = Duration.ofSeconds(8);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed run keeps its logs/ for diagnosis
    static Path dataDir;

    @RegisterExtension
    final ServiceErrorsOnFailure serviceErrors = new ServiceErrorsOnFailure(() -> dataDir);

    static LocalStack stack;
    static Map<String, String> env;
    static StackApi stackApi;

    @BeforeAll
    static void startStack() throws Exception {
        // EC2 refills its create budget at 0.3/s; 80 endpoints at that pace would take minutes. The
        // simulator does not throttle, so the worker may go faster here; what is tested is the outage.
        stackApi = StackApi.start(dataDir, List.of("--set",
                "provider-worker-aws:plc.aws.budgets.mutate-refill-per-second=5"));
        stack = stackApi.stack;
        env = stackApi.env;
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyCreateTakesEffectOnceAndBecomesActiveThoughTheDatabaseDiedInTheMiddle() throws Exception {
        String api = env.get("PLC_API") + "/v1beta1/clusters/" + env.get("PLC_AWS_CLUSTER_ID") + "/privateLinkConnections";
        Map<String, String> idByKey = new ConcurrentHashMap<>();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<?>> creates = new ArrayList<>();
        for (int i = 0; i < CREATES; i++) {
            String key = UUID.randomUUID().toString();
            String body = """
                    {"privateLinkConnection": {"displayName": "burst-%d", "type": "AWS_ENDPOINT_SERVICE",
                     "awsEndpointService": {"name": "%s"}}}""".formatted(i, env.get("PLC_AWS_SERVICE_NAME"));
            creates.add(callers.submit(() -> {
                idByKey.put(key, createRetryingWithTheSameKey(api, key, body, unavailable));
                answered.incrementAndGet();
                return null;
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> answered.get() >= 15);
        stack.killPostgres();
        Thread.sleep(OUTAGE.toMillis()); // the outage itself: what is simulated is time without a database
        stack.startPostgresAgain();
        for (Future<?> create : creates) {
            create.get(120, TimeUnit.SECONDS);
        }
        callers.shutdown();
        assertTrue(unavailable.get() > 0, "the outage was seen by callers, as 503s");

        Set<String> ids = Set.copyOf(idByKey.values());
        assertEquals(CREATES, ids.size(), "one connection per create, retries included");
        JsonNode list = await().atMost(Duration.ofSeconds(60)).until(() -> stackApi.get(api + "?pageSize=100"),
                page -> page.path("totalSize").asInt() == CREATES);
        assertEquals(CREATES, list.path("privateLinkConnections").size(), "nothing more in the read model");

        // The owner accepts every endpoint; every connection becomes ACTIVE.
        Map<String, String> endpoints = new HashMap<>();
        for (String id : ids) {
            JsonNode pending = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> stackApi.get(api + "/" + id), c -> "PENDING_ACCEPTANCE".equals(c.path("state").asText()));
            endpoints.put(id, pending.path("awsEndpointService").path("endpointId").asText());
        }
        try (Ec2Client owner = stackApi.customerEc2()) {
            owner.acceptVpcEndpointConnections(r -> r.serviceId(env.get("PLC_AWS_SERVICE_ID"))
                    .vpcEndpointIds(endpoints.values()));
        }
        for (String id : ids) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> stackApi.get(api + "/" + id), c -> "ACTIVE".equals(c.path("state").asText()));
        }
        assertEquals(CREATES, Set.copyOf(endpoints.values()).size(), "one endpoint per connection");

        for (String dlq : List.of("plc.connection-requests.v1.domain-service.dlq",
                "plc.connection-state.v1.domain-service.dlq", "plc.connection-state.v1.connection-service.dlq",
                "plc.connection-requests.v1.provider-worker-aws.dlq")) {
            try (TopicProbe letters = TopicProbe.fromBeginning(env.get("PLC_KAFKA_BOOTSTRAP_SERVERS"), dlq)) {
                assertEquals(List.of(), letters.readToEnd(), dlq + " holds nothing: a transient failure is retried");
            }
        }
    }

    /** Retries on 503 (and on a connection that broke) with the same key, as a careful client does. */
    private static String createRetryingWithTheSameKey(String api, String key, String body, AtomicInteger unavailable)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                HttpResponse<String> response = HTTP.send(stackApi.authorized(HttpRequest.newBuilder(URI.create(api)))
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return JSON.readTree(response.body()).path("privateLinkConnectionId").asText();
                }
                assertEquals(503, response.statusCode(), response.body());
                assertEquals(14, JSON.readTree(response.body()).path("code").asInt(), response.body());
                assertTrue(response.headers().firstValue("Retry-After").isPresent(), "Retry-After on a 503");
                unavailable.incrementAndGet();
            } catch (java.io.IOException e) {
                // the connection broke: the create may or may not have happened; the same key makes that safe
            }
            assertTrue(System.nanoTime() < deadline, "the API did not recover");
            Thread.sleep(250);
        }
    }

}
