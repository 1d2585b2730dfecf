package io.dataflow.privatelink.simulator.common;

import io.dataflow.privatelink.contract.timing.TokenBucket;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (each simulator decides what a key is: EC2 buckets per account, region and action
 * class; Alibaba Cloud per account, region and API), the same {@link TokenBucket} the workers spend from. Off unless enabled; turning it on starts every
 * bucket full. Thread-safe.
 */
public final class RateLimiter {

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private volatile boolean enabled;

    public RateLimiter(boolean enabled) {
        this.enabled = enabled;
    }

    public void setEnabled(boolean enabled) {
        if (enabled && !this.enabled) {
            buckets.clear();
        }
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Takes a token from the bucket {@code key} (created full with {@code spec}); false means throttle. */
    public boolean tryAcquire(String key, RateBucketSpec spec) {
        if (!enabled) {
            return true;
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(spec.capacity(), spec.refillPerSecond())).tryAcquire();
    }
}
