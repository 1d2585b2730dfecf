package io.dataflow.privatelink.worker.service;

import io.dataflow.privatelink.contract.timing.ExponentialBackoff;
import io.dataflow.privatelink.worker.reconcile.Outcome;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * How a pass works through one kind of work (detaches, deletions, creates, attaches) without head-of-line
 * blocking: a resource whose step fails ({@code RETRY_LATER}, or an unexpected exception) backs off on its
 * own, exponentially, and the others go on; only {@code CLOUD_BUSY} (throttled, budget spent, cloud out of
 * reach) ends the loop, since every later call would meet the same wall. A backoff belongs to one kind of
 * work on one resource: a connection whose create keeps failing is deleted at once when asked to be. Backoffs
 * live in memory: a restarted worker tries everything once more, which is what a restart is for.
 */
final class ReconcileQueue {

    private static final Logger LOG = Logger.getLogger(ReconcileQueue.class);

    private final ExponentialBackoff backoff;
    private final Clock clock;
    private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();

    private record Backoff(int failures, Instant notBefore) {
    }

    ReconcileQueue(Duration firstBackoff, Duration maxBackoff, Clock clock) {
        this.backoff = new ExponentialBackoff(firstBackoff, maxBackoff);
        this.clock = clock;
    }

    /**
     * Runs {@code step} ({@code work}: what it does, e.g. "create") for each item not backing off from that work,
     * in order, until one answers CLOUD_BUSY.
     *
     * @return how many steps ran
     */
    <T> int run(String work, List<T> items, Function<T, String> idOf, Function<T, Outcome.Kind> step) {
        int ran = 0;
        for (T item : items) {
            String id = key(work, idOf.apply(item));
            Backoff backoff = backoffs.get(id);
            Instant now = clock.instant();
            if (backoff != null && now.isBefore(backoff.notBefore())) {
                continue;
            }
            Outcome.Kind kind;
            try {
                kind = step.apply(item);
            } catch (RuntimeException e) {
                LOG.warnf(e, "%s: reconcile step failed; it backs off, the others go on", id);
                kind = Outcome.Kind.RETRY_LATER;
            }
            ran++;
            if (kind == Outcome.Kind.CLOUD_BUSY) {
                return ran;
            }
            if (kind == Outcome.Kind.RETRY_LATER) {
                int failures = backoff == null ? 1 : backoff.failures() + 1;
                backoffs.put(id, new Backoff(failures, now.plus(delayAfter(failures))));
            } else {
                backoffs.remove(id);
            }
        }
        return ran;
    }

    private static String key(String work, String id) {
        return work + " " + id;
    }

    Duration delayAfter(int failures) {
        return backoff.after(failures);
    }

    /** Whether {@code id} is backing off from {@code work} now (for operators and tests). */
    boolean backingOff(String work, String id) {
        Backoff backoff = backoffs.get(key(work, id));
        return backoff != null && clock.instant().isBefore(backoff.notBefore());
    }
}
