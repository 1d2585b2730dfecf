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
        for (int i = 0; i < 100; i++) {
            assertTrue(slow.delayBefore(2).toMillis() <= 100);
            assertTrue(slow.delayBefore(5).toMillis() <= 800);
            assertTrue(slow.delayBefore(9).toMillis() <= 1000);
        }
    }
}
