package io.dataflow.privatelink.kit.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of the service's consumers cannot make progress right now (a transient failure they keep
 * retrying: the database or the broker away), with the failure and since when.
 */
@ApplicationScoped
public class ConsumerProgress {

    record Stall(Instant since, String failure, long attempts) {
    }

    private final Map<String, Stall> stalls = new ConcurrentHashMap<>();
    private final Map<String, Instant> inFlight = new ConcurrentHashMap<>();

    void started(String consumer, Instant now) {
        inFlight.putIfAbsent(consumer, now);
    }

    void finished(String consumer) {
        inFlight.remove(consumer);
    }

    /** Since when the consumer's current batch has been in progress; null when it has none. */
    Instant inFlightSince(String consumer) {
        return inFlight.get(consumer);
    }

    Map<String, Instant> inFlight() {
        return Map.copyOf(inFlight);
    }

    void stalled(String consumer, Instant now, Throwable failure) {
        stalls.merge(consumer, new Stall(now, failure.toString(), 1),
                (old, fresh) -> new Stall(old.since(), fresh.failure(), old.attempts() + 1));
    }

    void progressed(String consumer) {
        stalls.remove(consumer);
    }

    /** Whether the consumer is retrying a failed batch right now. */
    public boolean isStalled(String consumer) {
        return stalls.containsKey(consumer);
    }

    /** Each stalled consumer, described. */
    Map<String, String> stalls() {
        Map<String, String> described = new java.util.TreeMap<>();
        stalls.forEach((consumer, stall) -> described.put(consumer, "retrying since " + stall.since()
                + " (" + stall.attempts() + " attempts): " + stall.failure()));
        return described;
    }
}
