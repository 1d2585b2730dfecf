package io.dataflow.privatelink.contract.timing;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void allowsABurstOfItsCapacityThenRefillsAtItsRate() {
        TokenBucket bucket = new TokenBucket(4, 0.3, nanos::get);

        for (int i = 0; i < 4; i++) {
            assertTrue(bucket.tryAcquire(), "burst token " + i);
        }
        assertFalse(bucket.tryAcquire(), "the burst is spent");

        nanos.addAndGet(3_000_000_000L); // 3 s at 0.3/s: 0.9 tokens
        assertFalse(bucket.tryAcquire());
        nanos.addAndGet(400_000_000L); // 3.4 s: 1.02 tokens
        assertTrue(bucket.tryAcquire());
        assertFalse(bucket.tryAcquire());
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(2, 20, nanos::get);
        nanos.addAndGet(60_000_000_000L);

        assertTrue(bucket.tryAcquire());
        assertTrue(bucket.tryAcquire());
        assertFalse(bucket.tryAcquire());
    }

    @Test
    void aBucketThatNeverRefillsRefusesAtOnceOnceEmpty() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(1, 0);
        assertTrue(bucket.acquire(java.time.Duration.ofSeconds(10)));
        long started = System.nanoTime();
        assertFalse(bucket.acquire(java.time.Duration.ofSeconds(10)));
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "no waiting for a token that never comes");
    }
}
