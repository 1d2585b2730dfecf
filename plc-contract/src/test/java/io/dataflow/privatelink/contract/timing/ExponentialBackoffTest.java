package io.dataflow.privatelink.contract.timing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExponentialBackoffTest {

    private final ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5));

    @Test
    void doublesFromTheFirstDelayUpToTheCap() {
        assertEquals(Duration.ofSeconds(2), backoff.after(1));
        assertEquals(Duration.ofSeconds(4), backoff.after(2));
        assertEquals(Duration.ofSeconds(256), backoff.after(8));
        assertEquals(Duration.ofMinutes(5), backoff.after(9));
        assertEquals(Duration.ofMinutes(5), backoff.after(10_000), "no overflow however long it fails");
    }

    @Test
    void fullJitterStaysBetweenZeroAndTheDelay() {
        Random random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            Duration jittered = backoff.jitteredAfter(3, random);
            assertTrue(!jittered.isNegative() && jittered.compareTo(Duration.ofSeconds(8)) <= 0, jittered.toString());
        }
    }

    @Test
    void refusesACapBelowTheFirstDelay() {
        assertThrows(IllegalArgumentException.class, () -> new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
