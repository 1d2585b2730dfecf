package io.dataflow.privatelink.deploy.chaos;

import io.dataflow.privatelink.contract.ReconcileShards;
import io.dataflow.privatelink.deploy.local.LocalStack;
import io.dataflow.privatelink.simulator.common.CloudSimulator;
import io.dataflow.privatelink.simulator.common.FaultSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Injects the run's faults at seeded points, one after the other, and measures how long the system takes
 * to recover from each: a service killed with {@code kill -9} and restarted (until it is ready again), the
 * Kafka broker and PostgreSQL stopped and started again (until every service is ready and the API
 * answers), a worker's cloud out of reach (until the worker calls it again). Throttling, server errors and
 * latency spikes are on in both clouds for the whole run.
 */
final class StackFaultInjector {

    enum Kind { KILL, KAFKA_RESTART, POSTGRES_RESTART, CLOUD_CUT_OFF }

    record Planned(Kind kind, String target, Duration at) {
        String label() {
            return switch (kind) {
                case KILL -> "kill -9 " + target;
                case KAFKA_RESTART -> "Kafka broker restart";
                case POSTGRES_RESTART -> "PostgreSQL kill + restart";
                case CLOUD_CUT_OFF -> target + " worker cut off from its cloud";
            };
        }
    }

    /**
     * Faults of one label: the time to recover after each (a killed service: from its restart until it
     * works again), and for a worker replica the time from its death until the others held its shards.
     */
    record Injected(String label, List<Duration> recoveries, List<Duration> takeovers, List<Duration> resumes) {
    }

    private static final Duration KAFKA_DOWN = Duration.ofSeconds(5);
    private static final Duration POSTGRES_DOWN = Duration.ofSeconds(5);
    private static final Duration CUT_OFF = Duration.ofSeconds(8);
    private static final Duration DEAD = Duration.ofSeconds(1);
    private static final Duration READY = Duration.ofMinutes(2);

    private final LocalStack stack;
    private final PlatformApi api;
    private final String probeUrl;
    private final ChaosOptions options;
    private final Map<String, Injected> injected = new LinkedHashMap<>();

    StackFaultInjector(LocalStack stack, PlatformApi api, String probeUrl, ChaosOptions options) {
        this.stack = stack;
        this.api = api;
        this.probeUrl = probeUrl;
        this.options = options;
    }

    /** The plan: which faults, at which offsets from the start of the workload, all drawn from the seed. */
    List<Planned> plan(Duration window) {
        Random random = new Random(options.seed() ^ 0x5DEECE66DL);
        List<String> services = new ArrayList<>(stack.serviceNames());
        Collections.shuffle(services, random);
        List<Planned> faults = new ArrayList<>();
        for (int k = 0; k < options.kills(); k++) {
            faults.add(new Planned(Kind.KILL, services.get(k % services.size()), null));
        }
        for (int k = 0; k < options.kafkaRestarts(); k++) {
            faults.add(new Planned(Kind.KAFKA_RESTART, "kafka", null));
        }
        for (int k = 0; k < options.postgresRestarts(); k++) {
            faults.add(new Planned(Kind.POSTGRES_RESTART, "postgres", null));
        }
        for (int k = 0; k < options.cloudCutOffs(); k++) {
            faults.add(new Planned(Kind.CLOUD_CUT_OFF, k % 2 == 0 ? "aws" : "alicloud", null));
        }
        Collections.shuffle(faults, random);
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            offsets.add(5_000 + (long) (random.nextDouble() * Math.max(1, window.toMillis() - 5_000)));
        }
        Collections.sort(offsets);
        List<Planned> timed = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            timed.add(new Planned(faults.get(i).kind(), faults.get(i).target(), Duration.ofMillis(offsets.get(i))));
        }
        return timed;
    }

    /** Arms the faults that stay on all run long in one simulator. */
    void armCloudFaults(CloudSimulator<?> cloud) {
        cloud.injectFault("*", FaultSpec.throttling().withProbability(options.throttling()));
        cloud.injectFault("*", FaultSpec.internalError().withProbability(options.serverErrors()));
        cloud.injectFault("*", FaultSpec.latency(Duration.ofMillis(400)).withProbability(0.03));
    }

    /** Runs the plan from {@code start} (System.nanoTime), each fault at its offset or after the previous one's recovery. */
    void execute(List<Planned> plan, long start) throws Exception {
        for (Planned fault : plan) {
            long due = start + fault.at().toNanos();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000); // the plan's schedule: the fault happens at its point in the run
            }
            say("fault at " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s: " + fault.label());
            Injected record = injected.computeIfAbsent(fault.label(),
                    l -> new Injected(l, new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            Duration recovery = inject(fault, record);
            say("  recovered in " + recovery.toMillis() + " ms");
            record.recoveries().add(recovery);
        }
    }

    private Duration inject(Planned fault, Injected record) throws Exception {
        switch (fault.kind()) {
            case KILL -> {
                String service = fault.target();
                boolean worker = service.startsWith("provider-worker-");
                List<String> others = worker ? replicasOf(service).stream().filter(s -> !s.equals(service)).toList()
                        : List.of();
                stack.killService(service);
                long killed = System.nanoTime();
                if (!others.isEmpty()) {
                    // the other replicas take the dead one's shards once its leases expire
                    awaitShards(others, held -> held.size() == ReconcileShards.COUNT, "the others to hold every shard");
                    Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
                    say("  its shards were taken over in " + takeover.toMillis() + " ms");
                    record.takeovers().add(takeover);
                } else {
                    Thread.sleep(DEAD.toMillis()); // how long it stays dead before its supervisor restarts it
                }
                long t0 = System.nanoTime();
                stack.startServiceAgain(service);
                long ready = System.nanoTime();
                if (worker) {
                    // works again: it leases shards (its share back from the others, or all of them)
                    awaitShards(List.of(service), held -> !held.isEmpty(), service + " to lease shards again");
                } else {
                    PlatformApi.require(api.get(probeUrl), 200, "probe read");
                }
                record.resumes().add(Duration.ofNanos(System.nanoTime() - ready));
                return Duration.ofNanos(System.nanoTime() - t0);
            }
            case KAFKA_RESTART -> {
                stack.stopKafka();
                Thread.sleep(KAFKA_DOWN.toMillis());
                long t0 = System.nanoTime();
                stack.startKafkaAgain();
                return awaitRecovered(t0);
            }
            case POSTGRES_RESTART -> {
                stack.killPostgres();
                Thread.sleep(POSTGRES_DOWN.toMillis());
                long t0 = System.nanoTime();
                stack.startPostgresAgain();
                return awaitRecovered(t0);
            }
            case CLOUD_CUT_OFF -> {
                stack.cutOffCloud(fault.target());
                Thread.sleep(CUT_OFF.toMillis());
                long t0 = System.nanoTime();
                stack.reconnectCloud(fault.target());
                CloudSimulator<?> cloud = fault.target().equals("aws") ? stack.ec2() : stack.alicloud();
                armCloudFaults(cloud);
                // recovered when the worker reaches its cloud again: its watch (owners never call it)
                String watch = fault.target().equals("aws") ? "DescribeVpcEndpoints" : "ListVpcEndpoints";
                while (cloud.callCount(watch) == 0) {
                    if (System.nanoTime() - t0 > READY.toNanos()) {
                        throw new IllegalStateException("the " + fault.target() + " worker never called its cloud again");
                    }
                    Thread.sleep(50);
                }
                return Duration.ofNanos(System.nanoTime() - t0);
            }
            default -> throw new IllegalArgumentException(fault.kind().name());
        }
    }


    private List<String> replicasOf(String service) {
        String base = service.replaceFirst("-\\d+$", "");
        return stack.serviceNames().stream().filter(s -> s.equals(base) || s.matches(java.util.regex.Pattern.quote(base) + "-\\d+")).toList();
    }

    /** Polls the replicas' {@code shard-leases} health data until the shards they hold together pass the test. */
    private void awaitShards(List<String> replicas, java.util.function.Predicate<java.util.Set<Integer>> test,
                             String what) throws InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            java.util.Set<Integer> held = new java.util.HashSet<>();
            for (String replica : replicas) {
                held.addAll(shardsOf(http, replica));
            }
            if (test.test(held)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("timed out waiting for " + what);
    }

    private java.util.Set<Integer> shardsOf(java.net.http.HttpClient http, String replica) throws InterruptedException {
        try {
            var response = http.send(java.net.http.HttpRequest.newBuilder(stack.managementUri(replica)
                    .resolve("/q/health/group/pipeline")).timeout(Duration.ofSeconds(2)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            java.util.Set<Integer> shards = new java.util.HashSet<>();
            for (var check : PlatformApi.JSON.readTree(response.body()).path("checks")) {
                if ("shard-leases".equals(check.path("name").asText())) {
                    for (String shard : check.path("data").path("shards").asText("").split(",", -1)) {
                        if (!shard.isBlank()) {
                            shards.add(Integer.parseInt(shard.trim()));
                        }
                    }
                }
            }
            return shards;
        } catch (java.io.IOException down) {
            return java.util.Set.of();
        }
    }

    /** Every service ready and the API answering a read. */
    private Duration awaitRecovered(long t0) throws InterruptedException {
        stack.awaitAllReady(READY);
        PlatformApi.require(api.get(probeUrl), 200, "probe read");
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    List<Injected> injected() {
        return List.copyOf(injected.values());
    }

    private static void say(String line) {
        System.out.println("chaos » " + line);
        System.out.flush();
    }
}
