package io.dataflow.privatelink.simulator.common;

import java.time.Duration;

/**
 * A fault to inject into calls of one action: a throttling error, a server error (500), a temporary
 * unavailability (503), Route 53's {@code PriorRequestNotComplete} or added latency, limited with
 * {@link #times(int)} (the next N calls only) or {@link #withProbability(double)} (a fraction of calls).
 * Each simulator answers a kind with its cloud's own error: EC2 throttles with {@code RequestLimitExceeded},
 * Alibaba Cloud with {@code Throttling.User}, Route 53 with {@code Throttling}.
 *
 * @param times the calls it fires on before it retires, -1 for no limit
 */
public record FaultSpec(Kind kind, Duration latency, int times, double probability) {

    public enum Kind {
        THROTTLE, INTERNAL_ERROR, SERVICE_UNAVAILABLE, LATENCY,
        /** Route 53's {@code PriorRequestNotComplete} (400); the other simulators answer it as an internal error. */
        PRIOR_REQUEST_NOT_COMPLETE
    }

    public static FaultSpec throttling() {
        return of(Kind.THROTTLE, Duration.ZERO);
    }

    public static FaultSpec internalError() {
        return of(Kind.INTERNAL_ERROR, Duration.ZERO);
    }

    public static FaultSpec serviceUnavailable() {
        return of(Kind.SERVICE_UNAVAILABLE, Duration.ZERO);
    }

    public static FaultSpec priorRequestNotComplete() {
        return of(Kind.PRIOR_REQUEST_NOT_COMPLETE, Duration.ZERO);
    }

    public static FaultSpec latency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("negative latency");
        }
        return of(Kind.LATENCY, latency);
    }

    private static FaultSpec of(Kind kind, Duration latency) {
        return new FaultSpec(kind, latency, -1, 1.0);
    }

    /** Fire on the next {@code n} matching calls only, then retire. */
    public FaultSpec times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be >= 1");
        }
        return new FaultSpec(kind, latency, n, probability);
    }

    /** Fire on each matching call with this probability (0..1). */
    public FaultSpec withProbability(double p) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("probability must be within 0..1");
        }
        return new FaultSpec(kind, latency, times, p);
    }
}
