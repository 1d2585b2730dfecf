package io.dataflow.privatelink.contract.timing;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code capacity} tokens, refilled continuously at {@code refillPerSecond}. The clouds
 * meter requests this way (the simulators' buckets), and the workers keep one that mirrors each cloud
 * bucket, so they spend their quota evenly instead of being throttled: a worker waits for a token
 * (bounded) rather than fail.
 */
public final class TokenBucket {

    private final double capacity;
    private final double refillPerNano;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefill;

    public TokenBucket(double capacity, double refillPerSecond) {
        this(capacity, refillPerSecond, System::nanoTime);
    }

    TokenBucket(double capacity, double refillPerSecond, LongSupplier nanoClock) {
        if (capacity < 1 || refillPerSecond < 0) {
            throw new IllegalArgumentException("a bucket needs capacity >= 1 and a refill rate >= 0");
        }
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1e9;
        this.nanoClock = nanoClock;
        this.tokens = capacity;
        this.lastRefill = nanoClock.getAsLong();
    }

    /** Takes a token, waiting up to {@code maxWait} for one; false when none came in time. */
    public synchronized boolean acquire(Duration maxWait) throws InterruptedException {
        long deadline = nanoClock.getAsLong() + maxWait.toNanos();
        while (true) {
            refill();
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            if (refillPerNano == 0) {
                return false; // never refills: no wait can help
            }
            long untilNext = (long) Math.ceil((1 - tokens) / refillPerNano);
            long now = nanoClock.getAsLong();
            if (now + untilNext > deadline) {
                return false;
            }
            long millis = Math.max(1, untilNext / 1_000_000);
            wait(millis);
        }
    }

    /** Takes a token only if one is there now. */
    public synchronized boolean tryAcquire() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** The time one token takes to refill once the bucket is empty: a waiting caller's pace; empty if it never refills. */
    public java.util.Optional<Duration> perToken() {
        return refillPerNano == 0 ? java.util.Optional.empty()
                : java.util.Optional.of(Duration.ofNanos((long) Math.ceil(1 / refillPerNano)));
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * refillPerNano);
        lastRefill = now;
    }
}
