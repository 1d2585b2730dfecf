package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.domain.repository.ChangeLogRepository.Change;
import io.smallrye.mutiny.subscription.MultiEmitter;

import java.util.ArrayDeque;
import java.util.List;

/**
 * One subscriber's place in the stream of changes: its scope, where it started, and a bounded queue of
 * live changes its connection has not taken yet. Changes are handed on only as fast as the subscriber
 * takes them (the stream's demand); one that falls more than {@code bound} changes behind is ended with a
 * resync event naming what it last received, so that it reconnects from there, and no subscriber can
 * make the service's heap grow without limit.
 */
public final class Subscription {

    private final String clusterId;
    private final String connectionId;
    private final long startSeq;
    private final int bound;
    private final ArrayDeque<StatusEvent> queue = new ArrayDeque<>();
    private MultiEmitter<? super StatusEvent> emitter;
    private boolean ended;
    private boolean overflowed;
    private boolean handedOver;
    private long lastSeq;
    private long skipThrough;

    Subscription(String clusterId, String connectionId, long startSeq, int bound) {
        this.clusterId = clusterId;
        this.connectionId = connectionId;
        this.startSeq = startSeq;
        this.bound = bound;
        this.lastSeq = startSeq;
    }

    public String clusterId() {
        return clusterId;
    }

    /** Changes up to here come from the database; later ones arrive live. */
    public long startSeq() {
        return startSeq;
    }

    /** A committed change of the subscriber's cluster. */
    synchronized void offer(Change change) {
        if (ended || (connectionId != null && !connectionId.equals(change.connectionId()))) {
            return;
        }
        queue.add(StatusEvent.of(change));
        if (queue.size() > bound) {
            overflow();
        } else {
            drain();
        }
    }

    /**
     * The subscriber's start (current snapshots, or the changes it missed) and then the live changes
     * buffered meanwhile. The start goes out whole, whatever its size; only live changes are bounded.
     */
    synchronized void goLive(MultiEmitter<? super StatusEvent> target, List<StatusEvent> start,
                             long subscriberHasThrough) {
        if (ended && !overflowed) {
            return;
        }
        emitter = target;
        // lastSeq starts at startSeq: the start covers everything of the scope up to there.
        for (StatusEvent event : start) {
            target.emit(event);
        }
        // A subscriber that read the history itself may be ahead of this instance's tail (it read the
        // database while the tail lagged): live changes it has already are not sent again.
        skipThrough = subscriberHasThrough;
        queue.removeIf(event -> event.seq() <= skipThrough);
        if (overflowed) {
            // Fell behind already while its start was read: it gets the start, then reconnects from there.
            target.emit(StatusEvent.resync(lastSeq));
            target.complete();
            return;
        }
        target.onRequest(requested -> drainLater());
        drain();
    }

    /** Keeps an idle stream open through proxies; skipped when the subscriber has not taken the last item. */
    synchronized void heartbeat() {
        if (emitter != null && !ended && queue.isEmpty() && emitter.requested() > 0) {
            emitter.emit(StatusEvent.HEARTBEAT);
        }
    }

    synchronized void end() {
        ended = true;
        queue.clear();
    }

    private void drainLater() {
        synchronized (this) {
            drain();
        }
    }

    private void drain() {
        if (emitter == null) {
            return;
        }
        while (!queue.isEmpty() && emitter.requested() > 0) {
            StatusEvent event = queue.poll();
            lastSeq = Math.max(lastSeq, event.seq());
            if (event.seq() > skipThrough) {
                emitter.emit(event);
            }
        }
    }

    /**
     * This instance is stopping: the subscriber is told where to resume (a {@code resync} naming what it last
     * received, as when it falls behind) and its stream ends, so it reconnects to another instance without
     * losing a change. One whose start is still being read gets its start first, then the same.
     */
    synchronized void handOver() {
        if (!ended) {
            handedOver = true;
            overflow();
        }
    }

    private void overflow() {
        ended = true;
        overflowed = true;
        queue.clear();
        if (emitter != null) {
            emitter.emit(StatusEvent.resync(lastSeq));
            emitter.complete();
        }
    }

    /** Whether the subscription was ended because its subscriber fell too far behind (not by a hand-over). */
    public synchronized boolean fellBehind() {
        return overflowed && !handedOver;
    }

    /** Whether the subscription was ended for falling behind (or by its subscriber). */
    public synchronized boolean ended() {
        return ended;
    }
}
