package io.dataflow.privatelink.deploy.chaos;

import io.dataflow.privatelink.contract.ReconcileShards;
import io.dataflow.privatelink.deploy.options.OptionValues;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What a chaos run does: how many connections the workload makes, which faults it injects and how often,
 * from which seed (the same seed plans the same workload and the same faults at the same points).
 * {@link #USAGE} is what {@code deploy/chaos/run --help} prints.
 */
public record ChaosOptions(long seed, int connections, int kills, int kafkaRestarts, int postgresRestarts,
                           int cloudCutOffs, int workerReplicas, double throttling, double serverErrors,
                           int poisonRecords, Path dataDir, boolean help) {

    static final String USAGE = """
            Usage: deploy/chaos/run [options]

            Starts the system as separate processes (the local stack's launcher), drives a seeded workload
            through the public API on both clouds while injecting faults at seeded points, then checks every
            invariant against the simulated clouds' own state. Prints a table; exits 1 on any violation.

              --seed N              seed of the workload and the fault plan (default: the time; printed)
              --connections N       connections to create (default: 1000)
              --kills N             kill -9 of a service, restarted a moment later (default: 20)
              --kafka-restarts N    restarts of the Kafka broker (default: 1)
              --postgres-restarts N kills and restarts of PostgreSQL (default: 1)
              --cloud-cut-offs N    a worker cut off from its cloud for 8 s (default: 2)
              --worker-replicas N   instances of each provider worker (default: 3)
              --throttling P        fraction of cloud calls throttled (default: 0.2)
              --server-errors P     fraction of cloud calls answered 500 (default: 0.05)
              --poison N            undecodable records put on the request topic (default: 3)
              --data-dir DIR        where the stack keeps its data and logs (default: .local/chaos, wiped)
              --short               CI's short form: 100 connections, 5 kills, 1 Kafka and 1 PostgreSQL
                                    restart, 1 cut-off, 2 worker replicas
            """;

    /** CI's short form (inside {@code ./mvnw verify}). */
    public static ChaosOptions shortForm(long seed, Path dataDir) {
        return new ChaosOptions(seed, 100, 5, 1, 1, 1, 2, 0.2, 0.05, 3, dataDir, false);
    }

    public static ChaosOptions parse(Path repoRoot, List<String> args) {
        long seed = System.currentTimeMillis();
        int connections = 1000;
        int kills = 20;
        int kafka = 1;
        int postgres = 1;
        int cutOffs = 2;
        int replicas = 3;
        double throttling = 0.2;
        double errors = 0.05;
        int poison = 3;
        Path dataDir = repoRoot.resolve(".local/chaos");
        boolean help = false;
        Deque<String> rest = new ArrayDeque<>(args);
        while (!rest.isEmpty()) {
            String option = rest.pop();
            switch (option) {
                case "--seed" -> seed = seed(OptionValues.value(option, rest));
                case "--connections" -> connections = count(option, rest);
                case "--kills" -> kills = count(option, rest);
                case "--kafka-restarts" -> kafka = count(option, rest);
                case "--postgres-restarts" -> postgres = count(option, rest);
                case "--cloud-cut-offs" -> cutOffs = count(option, rest);
                case "--worker-replicas" -> replicas = OptionValues.number(option, rest, 1, ReconcileShards.COUNT,
                        "a number from 1 to " + ReconcileShards.COUNT + " (the shards)");
                case "--throttling" -> throttling = OptionValues.fraction(option, rest);
                case "--server-errors" -> errors = OptionValues.fraction(option, rest);
                case "--poison" -> poison = count(option, rest);
                case "--data-dir" -> dataDir = Path.of(OptionValues.value(option, rest)).toAbsolutePath();
                case "--short" -> {
                    connections = 100;
                    kills = 5;
                    kafka = 1;
                    postgres = 1;
                    cutOffs = 1;
                    replicas = 2;
                }
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option " + option + "; see --help");
            }
        }
        return new ChaosOptions(seed, connections, kills, kafka, postgres, cutOffs, replicas, throttling, errors,
                poison, dataDir, help);
    }

    private static int count(String option, Deque<String> rest) {
        return OptionValues.number(option, rest, 0, Integer.MAX_VALUE, "a whole number");
    }

    private static long seed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be a whole number, not " + value);
        }
    }
}
