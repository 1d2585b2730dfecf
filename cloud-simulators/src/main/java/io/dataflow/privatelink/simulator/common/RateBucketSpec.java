package io.dataflow.privatelink.simulator.common;

/** One token bucket: a request takes a token, tokens refill continuously up to the capacity. */
public record RateBucketSpec(int capacity, double refillPerSecond) {

    public RateBucketSpec {
        if (capacity < 1 || refillPerSecond < 0) {
            throw new IllegalArgumentException("capacity must be >= 1 and refill >= 0");
        }
    }
}
