package io.dataflow.privatelink.worker.service;

import io.dataflow.privatelink.contract.timing.ExponentialBackoff;
import io.dataflow.privatelink.worker.reconcile.Outcome;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * How a pass works through one kind of work (detaches, deletions, creates, attaches) without head-of-line
 * blocking and without letting one tenant hold up the others:
 * <ul>
 *   <li>a resource whose step fails ({@code RETRY_LATER}, or an unexpected exception) backs off on its own,
 *       exponentially, and the others go on. A backoff belongs to one kind of work on one resource: a connection
 *       whose create keeps failing is deleted at once when asked to be;</li>
 *   <li>{@code CLOUD_BUSY} (throttled, budget spent, cloud out of reach) stops only its scope (a platform account
 *       and region: the clouds meter and throttle per account and region) for the rest of the pass, since every
 *       later call there would meet the same wall; other scopes go on;</li>
 *   <li>within a scope, work is taken round robin across tenants ({@link FairShare}), so a burst in one cluster
 *       delays another cluster's request by about one turn of the budget.</li>
 * </ul>
 * Backoffs and turns live in memory: a restarted worker tries everything once more, which is what a restart is for.
 */
final class ReconcileQueue {

    private static final Logger LOG = Logger.getLogger(ReconcileQueue.class);

    /**
     * One kind of work: its name (e.g. "create"), an item's id, its scope (what a busy cloud stops) and its
     * tenants, outermost first (e.g. project, cluster).
     */
    record Work<T>(String name, Function<T, String> idOf, Function<T, String> scopeOf,
                   Function<T, List<String>> tenantsOf) {
    }

    private final ExponentialBackoff backoff;
    private final Clock clock;
    private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
    private final Map<String, FairShare> shares = new HashMap<>();

    private record Backoff(int failures, Instant notBefore) {
    }

    ReconcileQueue(Duration firstBackoff, Duration maxBackoff, Clock clock) {
        this.backoff = new ExponentialBackoff(firstBackoff, maxBackoff);
        this.clock = clock;
    }

    /**
     * Runs {@code step} for each item ({@code items}: oldest first) not backing off from that work, in the fair
     * order, skipping the scopes that answered CLOUD_BUSY.
     *
     * @return the items left waiting for capacity, by busy scope, in the order they would have been taken (the
     *         one that met the wall first); empty when no scope was busy
     */
    <T> Map<String, List<T>> run(Work<T> work, List<T> items, Function<T, Outcome.Kind> step) {
        FairShare share = shares.computeIfAbsent(work.name(), name -> new FairShare());
        Map<String, List<T>> waiting = new LinkedHashMap<>();
        for (T item : share.order(items, t -> tenantPath(work, t))) {
            String id = key(work.name(), work.idOf().apply(item));
            Backoff backoff = backoffs.get(id);
            Instant now = clock.instant();
            if (backoff != null && now.isBefore(backoff.notBefore())) {
                continue;
            }
            String scope = work.scopeOf().apply(item);
            if (waiting.containsKey(scope)) {
                waiting.get(scope).add(item);
                continue;
            }
            Outcome.Kind kind;
            try {
                kind = step.apply(item);
            } catch (RuntimeException e) {
                LOG.warnf(e, "%s: reconcile step failed; it backs off, the others go on", id);
                kind = Outcome.Kind.RETRY_LATER;
            }
            if (kind == Outcome.Kind.CLOUD_BUSY) {
                waiting.put(scope, new ArrayList<>(List.of(item)));
                continue;
            }
            share.served(tenantPath(work, item));
            if (kind == Outcome.Kind.RETRY_LATER) {
                int failures = backoff == null ? 1 : backoff.failures() + 1;
                backoffs.put(id, new Backoff(failures, now.plus(delayAfter(failures))));
            } else {
                backoffs.remove(id);
            }
        }
        return waiting;
    }

    private static <T> List<String> tenantPath(Work<T> work, T item) {
        List<String> path = new ArrayList<>();
        path.add(work.scopeOf().apply(item));
        path.addAll(work.tenantsOf().apply(item));
        return path;
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
