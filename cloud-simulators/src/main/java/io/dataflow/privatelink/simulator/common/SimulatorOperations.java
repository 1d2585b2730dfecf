package io.dataflow.privatelink.simulator.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The operational side every simulator shares: call and throttle counts per action, faults armed per action
 * ({@code "*"} for all) and rate buckets. A protocol handler calls {@link #recordCall} for each request naming
 * an action, then {@link #admit} once it knows the caller; {@link CloudSimulator} is the Java API over the
 * rest. Thread-safe.
 */
public final class SimulatorOperations {

    final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    final Map<String, LongAdder> throttled = new ConcurrentHashMap<>();
    final RateLimiter rateLimiter;
    // In the order they were armed.
    private final List<ArmedFault> faults = new ArrayList<>();

    /** A fault armed for an action ({@code "*"}: every action), with the calls it still fires on (-1: no limit). */
    private static final class ArmedFault {
        final String action;
        final FaultSpec spec;
        int remaining;

        ArmedFault(String action, FaultSpec spec) {
            this.action = action;
            this.spec = spec;
            this.remaining = spec.times();
        }

        @Override
        public String toString() {
            return action + " " + spec + (remaining > 0 ? " remaining=" + remaining : "");
        }
    }

    SimulatorOperations(boolean rateLimitsEnabled) {
        this.rateLimiter = new RateLimiter(rateLimitsEnabled);
    }

    /** Counts a request that names {@code action}, whatever its outcome will be. */
    public void recordCall(String action) {
        calls.computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    /**
     * Applies the faults armed for {@code action} (sleeping through injected latency), then takes a token from
     * the rate bucket {@code bucketKey}; throws the cloud's error ({@code errors}) for a fault that fires or an
     * empty bucket. Throttles are counted here, whichever of the two caused them.
     */
    public void admit(String action, String bucketKey, RateBucketSpec bucket,
                      Function<FaultSpec.Kind, ? extends RuntimeException> errors) {
        Duration delay = Duration.ZERO;
        FaultSpec.Kind error = null;
        synchronized (this) {
            // Latencies add up, the first error that fires wins; counted faults retire when used up.
            for (Iterator<ArmedFault> it = faults.iterator(); it.hasNext(); ) {
                ArmedFault a = it.next();
                boolean isError = a.spec.kind() != FaultSpec.Kind.LATENCY;
                if (!(a.action.equals(action) || a.action.equals("*")) || (isError && error != null)
                        || ThreadLocalRandom.current().nextDouble() >= a.spec.probability()) {
                    continue;
                }
                if (a.remaining > 0 && --a.remaining == 0) {
                    it.remove();
                }
                if (isError) {
                    error = a.spec.kind();
                } else {
                    delay = delay.plus(a.spec.latency());
                }
            }
        }
        sleep(delay);
        if (error == null && !rateLimiter.tryAcquire(bucketKey, bucket)) {
            error = FaultSpec.Kind.THROTTLE;
        }
        if (error == FaultSpec.Kind.THROTTLE) {
            throttled.computeIfAbsent(action, a -> new LongAdder()).increment();
        }
        if (error != null) {
            throw errors.apply(error);
        }
    }

    synchronized void arm(String action, FaultSpec spec) {
        faults.add(new ArmedFault(action, spec));
    }

    synchronized void clearFaults() {
        faults.clear();
    }

    synchronized List<String> describeFaults() {
        return faults.stream().map(ArmedFault::toString).toList();
    }

    static long count(Map<String, LongAdder> counters, String action) {
        LongAdder n = counters.get(action);
        return n == null ? 0 : n.sum();
    }

    static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
