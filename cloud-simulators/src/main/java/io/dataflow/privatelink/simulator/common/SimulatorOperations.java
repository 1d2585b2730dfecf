package io.dataflow.privatelink.simulator.common;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The operational side every simulator shares: call counts, injected faults and rate buckets. A protocol
 * handler calls {@link #recordCall} for each request naming an action, then {@link #admit} once it knows
 * the caller; the simulator facades expose the rest as their Java API. Thread-safe.
 */
public final class SimulatorOperations {

    private final CallStats stats = new CallStats();
    private final FaultInjector faults = new FaultInjector();
    private final RateLimiter rateLimiter;

    public SimulatorOperations(boolean rateLimitsEnabled) {
        this.rateLimiter = new RateLimiter(rateLimitsEnabled);
    }

    public void recordCall(String action) {
        stats.recordCall(action);
    }

    /**
     * Applies the faults armed for {@code action} (sleeping through injected latency) and then the rate
     * bucket {@code bucketKey}. Returns the kind of error to answer with, or null to go ahead. Throttles
     * are counted here, whichever of the two caused them.
     */
    public FaultSpec.Kind admit(String action, String bucketKey, RateBucketSpec bucket) {
        FaultInjector.Outcome fault = faults.onCall(action);
        sleep(fault.delay());
        FaultSpec.Kind error = fault.error();
        if (error == null && !rateLimiter.tryAcquire(bucketKey, bucket)) {
            error = FaultSpec.Kind.THROTTLE;
        }
        if (error == FaultSpec.Kind.THROTTLE) {
            stats.recordThrottle(action);
        }
        return error;
    }

    public long callCount(String action) {
        return stats.calls(action);
    }

    public Map<String, Long> callCounts() {
        return stats.callsSnapshot();
    }

    public long throttledCount() {
        return stats.throttledTotal();
    }

    public long throttledCount(String action) {
        return stats.throttled(action);
    }

    public Map<String, Long> throttledCounts() {
        return stats.throttledSnapshot();
    }

    public void resetCallCounts() {
        stats.reset();
    }

    public void injectFault(String action, FaultSpec fault) {
        faults.inject(action, fault);
    }

    public void clearFaults() {
        faults.clear();
    }

    public List<String> activeFaults() {
        return faults.describe();
    }

    public void setRateLimitsEnabled(boolean enabled) {
        rateLimiter.setEnabled(enabled);
    }

    public boolean rateLimitsEnabled() {
        return rateLimiter.enabled();
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
