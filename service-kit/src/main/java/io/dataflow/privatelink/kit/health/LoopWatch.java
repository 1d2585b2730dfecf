package io.dataflow.privatelink.kit.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether one of the service's loops (the outbox relay, a worker's reconcile pass) keeps turning. A turn
 * that fails still ends: a database or Kafka outage is not a stall (the loop retries, and restarting the
 * process would not bring them back). A turn that has not ended after {@code stalledAfter} is a hang (a lock
 * never released, a call without a deadline), which a restart does cure: liveness reports it.
 */
public final class LoopWatch {

    private final String loop;
    private final Duration stalledAfter;
    private final Clock clock;
    private volatile Instant turnStartedAt;
    private volatile Instant lastTurnEndedAt;

    public LoopWatch(String loop, Duration stalledAfter, Clock clock) {
        this.loop = loop;
        this.stalledAfter = stalledAfter;
        this.clock = clock;
    }

    public String loop() {
        return loop;
    }

    /** The loop has work in hand: a turn begins. */
    public void turnStarted() {
        turnStartedAt = clock.instant();
    }

    /** The turn is over, whether it did its work or failed and will retry. */
    public void turnEnded() {
        lastTurnEndedAt = clock.instant();
        turnStartedAt = null;
    }

    /** Why the loop counts as stalled, or empty while it turns. */
    public Optional<String> stall() {
        Instant started = turnStartedAt;
        if (started == null) {
            return Optional.empty();
        }
        Duration running = Duration.between(started, clock.instant());
        if (running.compareTo(stalledAfter) <= 0) {
            return Optional.empty();
        }
        return Optional.of("one turn running since " + started + " (" + running.toSeconds()
                + " s, more than " + stalledAfter.toSeconds() + " s)");
    }

    /** When a turn last ended, or null before the first. */
    public Instant lastTurnEndedAt() {
        return lastTurnEndedAt;
    }
}
