package io.dataflow.privatelink.deploy.chaos;

import io.dataflow.privatelink.deploy.local.LocalStack;
import io.dataflow.privatelink.infra.TopicProbe;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The chaos harness ({@code deploy/chaos/run}): the system as separate processes, a seeded workload on
 * both clouds, seeded faults, and at the end every invariant checked against the clouds' own state.
 */
public final class ChaosHarness {

    private static final Duration CONVERGE = Duration.ofMinutes(2);

    private ChaosHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path repoRoot = Path.of(System.getProperty("plc.repo.root", ".")).toAbsolutePath().normalize();
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(repoRoot, List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("deploy/chaos/run: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(ChaosOptions.USAGE);
            return;
        }
        ChaosResult result = run(repoRoot, options);
        result.print(System.out);
        System.exit(result.passed() ? 0 : 1);
    }

    /** One run: starts a stack in {@code options.dataDir()} (wiped), runs, audits, stops the stack. */
    public static ChaosResult run(Path repoRoot, ChaosOptions options) throws Exception {
        long begin = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("--reset", "--data-dir", options.dataDir().toString(),
                "--cli-config", options.dataDir().resolve("plc-config.json").toString(),
                "--worker-replicas", String.valueOf(options.workerReplicas()),
                // the clouds' own rate limits stay off in the simulators; the workers may create briskly
                "--set", "provider-worker-aws:plc.aws.budgets.mutate-refill-per-second=5",
                "--set", "provider-worker-alicloud:plc.alicloud.budget.mutate-refill-per-second=5",
                // an orphan a crash leaves is swept within the run, not after production's hour
                "--set", "provider-worker-aws:plc.worker.orphan-sweep.grace=2s",
                "--set", "provider-worker-alicloud:plc.worker.orphan-sweep.grace=2s"));
        args.addAll(LocalStack.freePortOptions(options.workerReplicas()));
        args.addAll(LocalStack.LOAD_TEST_QUOTAS);
        System.out.println("chaos » seed " + options.seed() + "; starting the stack in " + options.dataDir());
        try (LocalStack stack = LocalStack.start(repoRoot, args)) {
            Map<String, String> env = stack.environment();
            PlatformApi api = new PlatformApi(env.get("PLC_API"), env.get("PLC_TOKEN"));
            Map<String, StatusSubscriber> subscribers = new LinkedHashMap<>();
            for (String cluster : List.of(env.get("PLC_AWS_CLUSTER_ID"), env.get("PLC_ALICLOUD_CLUSTER_ID"))) {
                // Subscribed before the first change: resuming after 0, a reconnect before it has seen anything
                // (connection-service killed early) still replays every change instead of current snapshots.
                subscribers.put(cluster, new StatusSubscriber(api.connections(cluster) + ":watch", api.token(), 0));
            }
            Set<String> poison = poison(env.get("PLC_KAFKA_BOOTSTRAP_SERVERS"), options);
            StackFaultInjector faults = new StackFaultInjector(stack, api, api.connections(env.get("PLC_AWS_CLUSTER_ID"))
                    + "?pageSize=1", options);
            faults.armCloudFaults(stack.ec2());
            faults.armCloudFaults(stack.alicloud());

            List<Intent> intents;
            int notReady;
            try (CloudOwners owners = new CloudOwners(env)) {
                Workload workload = new Workload(api, owners, env, options.seed());
                intents = workload.plan(options.connections());
                Duration window = Duration.ofMillis(Math.max(30_000, options.connections() * 600L));
                List<StackFaultInjector.Planned> plan = faults.plan(window);
                long start = System.nanoTime();
                ExecutorService injector = Executors.newSingleThreadExecutor();
                Future<?> injecting = injector.submit(() -> {
                    faults.execute(plan, start);
                    return null;
                });
                workload.run(intents, Math.max(16, options.connections() / 25), Duration.ofMinutes(30));
                injecting.get();
                injector.shutdown();
                notReady = workload.notReadyRetries();
            }
            Map<String, Long> cloudFaults = new LinkedHashMap<>();
            for (var cloud : List.of(Map.entry("EC2 + Route 53", stack.ec2()), Map.entry("Alibaba Cloud", stack.alicloud()))) {
                long calls = cloud.getValue().callCounts().values().stream().mapToLong(Long::longValue).sum();
                cloudFaults.put(cloud.getKey() + " calls (since its last restart)", calls);
                cloudFaults.put(cloud.getKey() + " calls throttled", cloud.getValue().throttledCount());
            }
            cloudFaults.put("attaches refused as CREATING by a lagging command side, retried", (long) notReady);
            stack.ec2().clearFaults();
            stack.alicloud().clearFaults();

            // The invariants hold once the system has settled: audit until they do, or the patience ends.
            List<Audit.Check> checks;
            long converge = System.nanoTime() + CONVERGE.toNanos();
            do {
                checks = new Audit(stack, api, env, intents, subscribers, poison).run();
                if (checks.stream().allMatch(c -> c.violations().isEmpty()) || System.nanoTime() > converge) {
                    break;
                }
                Thread.sleep(5_000); // give it time to settle, then look again
            } while (true);
            int reconnects = subscribers.values().stream().mapToInt(StatusSubscriber::reconnects).sum();
            subscribers.values().forEach(StatusSubscriber::close);
            return new ChaosResult(options, Duration.ofNanos(System.nanoTime() - begin), faults.injected(),
                    cloudFaults, checks, reconnects);
        }
    }

    /** Undecodable records on the request topic: every consumer of it must dead-letter them, and only them. */
    private static Set<String> poison(String bootstrap, ChaosOptions options) {
        Set<String> values = new LinkedHashSet<>();
        for (int i = 0; i < options.poisonRecords(); i++) {
            String value = "chaos poison " + options.seed() + "-" + i + ": not a CloudEvent {";
            TopicProbe.send(bootstrap, new ProducerRecord<>("plc.connection-requests.v1", "chaos-poison-" + i, value));
            values.add(value);
        }
        return values;
    }
}
