package io.dataflow.privatelink.connection;

import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.kit.testing.CpuTime;
import io.dataflow.privatelink.kit.testing.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Command figures (run with {@code ./mvnw -pl connection-service -am verify -Pbenchmark}); they print
 * and assert nothing. 64 clients create connections as fast as the API answers, each with an
 * Idempotency-Key, for 20 s ({@code -Dbench.seconds}) after a warm-up; beside it, in the same run, the same 64
 * clients call a plain endpoint of the same application that does one insert into the same
 * PostgreSQL. Clients and server share this JVM and its 2 cores.
 */
@QuarkusTest
@Tag("benchmark")
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "connection_service"))
@QuarkusTestResource(TestTokens.class)
class CommandsBenchmark {

    private static final int CLIENTS = 64;
    /** Seconds per phase; {@code -Dbench.seconds=N} for a quicker look. */
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    /** Seconds of warm-up for each kind of request; {@code -Dbench.warm-up-seconds=N}. */
    private static final int WARM_UP_SECONDS = Integer.getInteger("bench.warm-up-seconds", 60);
    private static final String AWS_SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

    @TestHTTPResource("/")
    URI base;

    @Test
    void createsPerSecondBesideAPlainInsert() throws Exception {
        Sql.execute("CREATE TABLE IF NOT EXISTS bench_row (id TEXT PRIMARY KEY, body TEXT)");
        String token = TestTokens.editorOfProjectA();
        String body = ConnectionCommandsTest.createBody("bench", "AWS_ENDPOINT_SERVICE", AWS_SERVICE);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI creates = base.resolve("/v1beta1/clusters/1001/privateLinkConnections");
        URI inserts = base.resolve("/bench/insert");

        // Both kinds of request unmeasured first, until the JIT is mostly done: on 2 cores the compiler
        // threads take more CPU than the service for the first minute of load.
        run("warm-up", http, creates, token, body, WARM_UP_SECONDS);
        run("warm-up", http, inserts, token, body, WARM_UP_SECONDS);
        Result baseline = run("plain insert", http, inserts, token, body, SECONDS);
        java.time.OffsetDateTime phaseStart = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        long connectionsBefore = Sql.count("SELECT count(*) FROM connection");
        // -Dbench.five-inserts=true measures, instead of creates, five inserts in one transaction: what the
        // create's statements cost by themselves, without the rest of a create.
        Result command = Boolean.getBoolean("bench.five-inserts")
                ? run("five inserts", http, base.resolve("/bench/insert/five"), token, body, SECONDS)
                : run("create", http, creates, token, body, SECONDS);
        // What the creates wrote: one connection per 200, and how many transactions they took (rows of one
        // transaction share its xmin). -Dplc.creates.max-group=1 writes each create alone, for comparison.
        long written = Sql.count("SELECT count(*) FROM connection") - connectionsBefore;
        // Events not yet relayed to Kafka when the phase ended: their relaying would fall into the next phase.
        long unpublished = Sql.count("SELECT count(*) FROM outbox_event");
        long transactions = Sql.count("SELECT count(DISTINCT xmin::text) FROM connection "
                + "WHERE create_time >= ?1", phaseStart);
        Result baselineAgain = run("plain insert", http, inserts, token, body, SECONDS);

        System.out.printf("%nCOMMANDS (%d concurrent clients, %d s each, fsync on)%n", CLIENTS, SECONDS);
        for (Result r : List.of(baseline, command, baselineAgain)) {
            System.out.printf("  %-13s %7.0f requests/s   p50 %5.1f ms   p99 %6.1f ms   (%d requests, %d not 200;"
                            + " CPU per request: this JVM %.0f us, PostgreSQL %.0f us)%n",
                    r.name, r.perSecond(), r.percentile(0.50), r.percentile(0.99), r.latencies.size(), r.failures,
                    r.cpu.jvmMicros() / r.latencies.size(), r.cpu.postgresMicros() / r.latencies.size());
        }
        if (!Boolean.getBoolean("bench.five-inserts")) {
            System.out.printf("  connections written: %d for %d creates answered 200, in %d transactions (%.1f per"
                            + " transaction); events not yet in Kafka at the phase's end: %d%n", written,
                    command.latencies.size() - command.failures, transactions,
                    (double) written / Math.max(1, transactions), unpublished);
        }
        double baselineMean = (baseline.perSecond() + baselineAgain.perSecond()) / 2;
        System.out.printf("  ratio creates / plain inserts (mean of the two baseline runs): %.2f%n",
                command.perSecond() / baselineMean);
    }

    private Result run(String name, HttpClient http, URI uri, String token, String body, int seconds)
            throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        CpuTime cpu = CpuTime.now();
        long started = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                while (System.nanoTime() < end) {
                    HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long sent = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies.add(System.nanoTime() - sent);
                    if (response.statusCode() != 200) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        double took = (System.nanoTime() - started) / 1e9;
        return new Result(name, new ArrayList<>(latencies), failures.get(), took, CpuTime.now().minus(cpu));
    }

    /** A phase: each request's latency, how many were not 200, its length, and the CPU it took (clients included). */
    private record Result(String name, List<Long> latencies, int failures, double seconds, CpuTime cpu) {
        double perSecond() {
            return latencies.size() / seconds;
        }

        double percentile(double p) {
            List<Long> sorted = latencies.stream().sorted().toList();
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
        }
    }
}
