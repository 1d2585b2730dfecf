package io.dataflow.privatelink.simulator.ec2;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EC2's request token buckets, one set per account and region as in AWS. Off unless enabled; toggling
 * it on starts every bucket full.
 */
final class RateLimiter {

    private final Map<String, RateBucketSpec> specs;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private volatile boolean enabled;

    RateLimiter(Ec2SimulatorConfig config) {
        this.specs = Map.of(
                "describe", config.describeBucket(),
                "vpc-endpoint-mutation", config.endpointMutationBucket(),
                "mutating", config.mutatingBucket());
        this.enabled = config.rateLimitsEnabled();
    }

    void setEnabled(boolean enabled) {
        if (enabled && !this.enabled) {
            buckets.clear();
        }
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    /** Takes a token for the call; false means throttle it. */
    boolean tryAcquire(Caller caller, String action) {
        if (!enabled) {
            return true;
        }
        String bucket = Ec2Actions.bucketOf(action);
        return buckets.computeIfAbsent(caller.accountId() + "|" + caller.region() + "|" + bucket,
                k -> new TokenBucket(specs.get(bucket))).tryAcquire();
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
