package io.dataflow.privatelink.simulator.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (each simulator decides what a key is: EC2 buckets per account, region and action
 * class; Alibaba Cloud per account, region and API). Off unless enabled; turning it on starts every
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
        return buckets.computeIfAbsent(key, k -> new TokenBucket(spec)).tryAcquire();
    }

    private static final class TokenBucket {
        private final RateBucketSpec spec;
        private double tokens;
        private long lastRefillNanos;

        TokenBucket(RateBucketSpec spec) {
            this.spec = spec;
            this.tokens = spec.capacity();
            this.lastRefillNanos = System.nanoTime();
        }

        synchronized boolean tryAcquire() {
            long now = System.nanoTime();
            tokens = Math.min(spec.capacity(), tokens + (now - lastRefillNanos) / 1e9 * spec.refillPerSecond());
            lastRefillNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
