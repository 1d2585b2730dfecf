package io.dataflow.privatelink.kit.health;

import io.dataflow.privatelink.kit.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopWatchTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final LoopWatch watch = new LoopWatch("relay", Duration.ofSeconds(30), clock);

    @Test
    void aLoopBetweenTurnsIsNeverStalledHoweverLongItWaits() {
        assertTrue(watch.stall().isEmpty(), "before the first turn");
        watch.turnStarted();
        watch.turnEnded();
        clock.advance(Duration.ofHours(5));
        assertTrue(watch.stall().isEmpty(), "idle is not hung");
    }

    @Test
    void aTurnLongerThanTheLimitIsAStallUntilItEnds() {
        watch.turnStarted();
        clock.advance(Duration.ofSeconds(30));
        assertTrue(watch.stall().isEmpty(), "at the limit, not yet");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("one turn running since 2026-12-07T10:00:00Z (31 s, more than 30 s)", watch.stall().orElseThrow());
        watch.turnEnded();
        assertTrue(watch.stall().isEmpty(), "the turn ended (even in failure): the loop moves");
        assertEquals(Instant.parse("2026-12-07T10:00:31Z"), watch.lastTurnEndedAt());
    }

    @Test
    void eachTurnIsTimedFromItsOwnStart() {
        for (int i = 0; i < 10; i++) {
            watch.turnStarted();
            clock.advance(Duration.ofSeconds(20));
            watch.turnEnded();
        }
        watch.turnStarted();
        clock.advance(Duration.ofSeconds(20));
        assertTrue(watch.stall().isEmpty(), "many short turns add up to no stall");
    }
}
