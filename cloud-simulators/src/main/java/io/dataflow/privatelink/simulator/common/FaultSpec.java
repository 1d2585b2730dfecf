package io.dataflow.privatelink.simulator.common;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault to inject into calls of one action: a throttling error, a server error (500), a temporary
 * unavailability (503) or added latency, limited with {@link #times(int)} (the next N calls only) or
 * {@link #withProbability(double)} (a fraction of calls). Each simulator answers a kind with its cloud's
 * own error: EC2 throttles with {@code RequestLimitExceeded}, Alibaba Cloud with {@code Throttling.User}.
 * Immutable.
 */
public class FaultSpec {

    public enum Kind {
        THROTTLE, INTERNAL_ERROR, SERVICE_UNAVAILABLE, LATENCY,
        /** Route 53's {@code PriorRequestNotComplete}: a change to the same zone is still being applied. */
        PRIOR_REQUEST_NOT_COMPLETE
    }

    private final Kind kind;
    private final Duration latency;
    private final int times;
    private final double probability;

    private FaultSpec(Kind kind, Duration latency, int times, double probability) {
        this.kind = kind;
        this.latency = latency;
        this.times = times;
        this.probability = probability;
    }

    /** For subclasses that only narrow the static type (kept for source compatibility). */
    protected FaultSpec(FaultSpec other) {
        this(other.kind, other.latency, other.times, other.probability);
    }

    public static FaultSpec throttling() {
        return new FaultSpec(Kind.THROTTLE, Duration.ZERO, -1, 1.0);
    }

    public static FaultSpec internalError() {
        return new FaultSpec(Kind.INTERNAL_ERROR, Duration.ZERO, -1, 1.0);
    }

    public static FaultSpec serviceUnavailable() {
        return new FaultSpec(Kind.SERVICE_UNAVAILABLE, Duration.ZERO, -1, 1.0);
    }

    /** Route 53 only: {@code PriorRequestNotComplete} (400); other simulators answer it as an internal error. */
    public static FaultSpec priorRequestNotComplete() {
        return new FaultSpec(Kind.PRIOR_REQUEST_NOT_COMPLETE, Duration.ZERO, -1, 1.0);
    }

    public static FaultSpec latency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("negative latency");
        }
        return new FaultSpec(Kind.LATENCY, latency, -1, 1.0);
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

    public Kind kind() {
        return kind;
    }

    public Duration latency() {
        return latency;
    }

    /** Remaining-count limit, or -1 for unlimited. */
    public int times() {
        return times;
    }

    public double probability() {
        return probability;
    }

    @Override
    public String toString() {
        return "FaultSpec[" + kind + (kind == Kind.LATENCY ? " " + latency.toMillis() + "ms" : "")
                + (times > 0 ? ", times=" + times : "") + (probability < 1 ? ", p=" + probability : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaultSpec f && f.kind == kind && f.latency.equals(latency)
                && f.times == times && f.probability == probability;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, latency, times, probability);
    }
}
