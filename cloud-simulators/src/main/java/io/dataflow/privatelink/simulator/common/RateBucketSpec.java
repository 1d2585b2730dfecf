package io.dataflow.privatelink.simulator.common;

import java.util.Objects;

/** One token bucket: a request takes a token, tokens refill continuously up to the capacity. Immutable. */
public class RateBucketSpec {

    private final int capacity;
    private final double refillPerSecond;

    public RateBucketSpec(int capacity, double refillPerSecond) {
        if (capacity < 1 || refillPerSecond < 0) {
            throw new IllegalArgumentException("capacity must be >= 1 and refill >= 0");
        }
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
    }

    public int capacity() {
        return capacity;
    }

    public double refillPerSecond() {
        return refillPerSecond;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateBucketSpec r && r.capacity == capacity && r.refillPerSecond == refillPerSecond;
    }

    @Override
    public int hashCode() {
        return Objects.hash(capacity, refillPerSecond);
    }

    @Override
    public String toString() {
        return "RateBucketSpec[capacity=" + capacity + ", refillPerSecond=" + refillPerSecond + "]";
    }
}
