package io.dataflow.privatelink.deploy.chaos;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a chaos run did and found: the faults injected with their recovery times, and each invariant. */
public record ChaosResult(ChaosOptions options, Duration took, List<StackFaultInjector.Injected> faults,
                   Map<String, Long> cloudFaultsAnswered, List<Audit.Check> checks, int subscriberReconnects) {

    public boolean passed() {
        return checks.stream().allMatch(c -> c.violations().isEmpty());
    }

    public void print(PrintStream out) {
        out.printf("%nChaos run: seed %d, %d connections, %d worker replica(s) each, %d s%n",
                options.seed(), options.connections(), options.workerReplicas(), took.toSeconds());
        out.printf("%n%-58s %8s %14s %14s %14s %14s%n", "fault", "injected", "recovery max", "recovery mean",
                "ready→work max", "takeover max");
        for (StackFaultInjector.Injected f : faults) {
            long max = f.recoveries().stream().mapToLong(Duration::toMillis).max().orElse(0);
            double mean = f.recoveries().stream().mapToLong(Duration::toMillis).average().orElse(0);
            String takeover = f.takeovers().isEmpty() ? "-" : "%.1f s".formatted(
                    f.takeovers().stream().mapToLong(Duration::toMillis).max().orElse(0) / 1000.0);
            String resume = f.resumes().isEmpty() ? "-" : "%.1f s".formatted(
                    f.resumes().stream().mapToLong(Duration::toMillis).max().orElse(0) / 1000.0);
            out.printf("%-58s %8d %12.1f s %12.1f s %14s %14s%n", f.label(), f.recoveries().size(), max / 1000.0,
                    mean / 1000.0, resume, takeover);
        }
        cloudFaultsAnswered.forEach((what, n) -> out.printf("%-58s %8d%n", what, n));
        out.printf("%-58s %8d%n", "status stream reconnect attempts (subscribers)", subscriberReconnects);
        out.println("""
                (recovery: a killed service from its restart until it works again (a worker: leases shards; \
                others: the API answers); Kafka and PostgreSQL from their start until every service is ready \
                and the API answers; a cut-off from the reconnection until the worker calls its cloud again. \
                ready→work: a restarted service from ready until it works again (static membership, its own \
                leases back). takeover: a killed worker replica's death until the other replicas hold all 16 shards.)""");
        out.printf("%n%-80s %8s %10s%n", "invariant", "checked", "violations");
        for (Audit.Check c : checks) {
            out.printf("%-80s %8d %10d%n", c.invariant(), c.checked(), c.violations().size());
        }
        for (Audit.Check c : checks) {
            c.violations().stream().limit(10).forEach(v -> out.println("  ✗ " + c.invariant() + ": " + v));
            if (c.violations().size() > 10) {
                out.println("  … and " + (c.violations().size() - 10) + " more");
            }
        }
        out.println(passed() ? "\nEvery invariant held." : "\nVIOLATIONS: replay with --seed " + options.seed());
        out.flush();
    }
}
