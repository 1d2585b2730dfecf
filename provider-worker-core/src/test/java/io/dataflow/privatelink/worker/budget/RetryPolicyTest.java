package io.dataflow.privatelink.worker.budget;

import io.dataflow.privatelink.worker.cloud.CloudException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5));

    @Test
    void retriesThrottlingUntilTheCallSucceeds() {
        AtomicInteger attempts = new AtomicInteger();

        String result = policy.call(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new CloudException("Throttling.User", "slow down", true, null);
            }
            return "done";
        });

        assertEquals("done", result);
        assertEquals(3, attempts.get());
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheCloudsError() {
        AtomicInteger attempts = new AtomicInteger();

        CloudException e = assertThrows(CloudException.class, () -> policy.call(() -> {
            attempts.incrementAndGet();
            throw new CloudException("ServiceUnavailable", "try later", true, null);
        }));

        assertEquals("ServiceUnavailable", e.errorCode());
        assertEquals(4, attempts.get());
    }

    @Test
    void finalErrorsAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();

        assertThrows(CloudException.class, () -> policy.call(() -> {
            attempts.incrementAndGet();
            throw new CloudException("InvalidParameter", "no", false, null);
        }));

        assertEquals(1, attempts.get());
    }

    @Test
    void backoffGrowsButStaysUnderTheCeiling() {
        RetryPolicy slow = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1));
        assertEquals(Duration.ofMillis(100), slow.ceilingBefore(2));
        assertEquals(Duration.ofMillis(800), slow.ceilingBefore(5));
        assertEquals(Duration.ofSeconds(1), slow.ceilingBefore(9), "capped");
        long longestSecond = 0;
        long longestFifth = 0;
        for (int i = 0; i < 500; i++) {
            long second = slow.delayBefore(2).toMillis();
            long fifth = slow.delayBefore(5).toMillis();
            assertTrue(second >= 0 && second <= 100, "second attempt waited " + second);
            assertTrue(fifth >= 0 && fifth <= 800, "fifth attempt waited " + fifth);
            assertTrue(slow.delayBefore(9).toMillis() <= 1000);
            longestSecond = Math.max(longestSecond, second);
            longestFifth = Math.max(longestFifth, fifth);
        }
        // Jitter spreads the waits over the whole range: later attempts really do wait longer.
        assertTrue(longestSecond > 50, "second attempts waited at most " + longestSecond + " ms");
        assertTrue(longestFifth > 100, "fifth attempts waited at most " + longestFifth + " ms");
    }
}
