package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.domain.config.DomainServiceConfig;
import io.dataflow.privatelink.domain.repository.ChangeLogRepository;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository;
import io.dataflow.privatelink.kit.api.ApiException;
import io.dataflow.privatelink.kit.db.SafeContexts;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Status subscriptions: a stream of connection snapshots, one per change, each with the change's
 * sequence number as id. Without a resume point the stream starts with the current snapshot of each
 * connection in scope; with one ({@code Last-Event-ID}) it replays every change after it, in order,
 * then continues live. A resume point from before the change log's retention horizon gets the current
 * snapshots instead, so nothing is silently skipped. The replay is read page by page as the subscriber
 * takes it, and the subscriber joins the live changes only once it has caught up: a resume from far back
 * never sits in memory whole. Reads are reactive: no thread waits on the database.
 */
@ApplicationScoped
public class StatusSubscriptions {

    private final ChangeLogRepository changeLog;
    private final ConnectionViewRepository views;
    private final SubscriptionHub hub;
    private final int replayPage;
    private final LongAdder replayPagesRead = new LongAdder();
    private final Clock clock = Clock.systemUTC();

    private final Vertx vertx;

    StatusSubscriptions(ChangeLogRepository changeLog, ConnectionViewRepository views, SubscriptionHub hub,
                        DomainServiceConfig config, Vertx vertx) {
        this.vertx = vertx;
        this.changeLog = changeLog;
        this.views = views;
        this.hub = hub;
        this.replayPage = config.subscriptions().replayPage();
    }

    /** The resume point a {@code Last-Event-ID} names; a malformed one is refused with the API's error. */
    public static Long resumePoint(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(lastEventId.strip());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ApiException.invalidArgument("Last-Event-ID '" + lastEventId + "' is not an event id of this "
                    + "stream: send back the id of the last event received, a non-negative integer.");
        }
    }

    /** NOT_FOUND when a connection is named that the cluster does not have (nor had, within the retention). */
    public Uni<Void> requireConnection(String clusterId, String connectionId) {
        if (connectionId == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> views.deletedFlag(clusterId, connectionId)).map(flag -> {
            if (flag == null) {
                throw ApiException.notFound("Private link connection " + connectionId + " was not found in cluster "
                        + clusterId + ".");
            }
            return null;
        });
    }

    public Multi<StatusEvent> subscribe(String clusterId, String connectionId, Long resumeAfter) {
        if (resumeAfter == null) {
            return live(clusterId, connectionId, null);
        }
        return Multi.createFrom().uni(inSession(changeLog::purgedThrough))
                .onItem().transformToMultiAndConcatenate(horizon -> resumeAfter < horizon
                        ? live(clusterId, connectionId, null)
                        : replayThenLive(clusterId, connectionId, resumeAfter));
    }

    /**
     * The history after {@code resumeAfter}, one page per read, each read only when the subscriber has taken
     * the page before; then the live stream from the last change replayed (its start reads what was committed
     * meanwhile, a few changes).
     */
    private Multi<StatusEvent> replayThenLive(String clusterId, String connectionId, long resumeAfter) {
        return Multi.createFrom().deferred(() -> {
            AtomicLong replayed = new AtomicLong(resumeAfter);
            Multi<StatusEvent> history = Multi.createBy().repeating()
                    .uni(() -> replayed, position -> readPage(clusterId, connectionId, position))
                    .whilst(page -> page.size() == replayPage) // a short page is the end of the history
                    .onItem().<ChangeLogRepository.Change>disjoint()
                    .map(StatusEvent::of);
            return Multi.createBy().concatenating().streams(history,
                    Multi.createFrom().deferred(() -> live(clusterId, connectionId, replayed.get())));
        });
    }

    private Uni<List<ChangeLogRepository.Change>> readPage(String clusterId, String connectionId, AtomicLong position) {
        replayPagesRead.increment();
        return inSession(() -> changeLog.after(position.get(), clusterId, connectionId, replayPage))
                .invoke(page -> {
                    if (!page.isEmpty()) {
                        position.set(page.get(page.size() - 1).seq());
                    }
                });
    }

    /** Pages of history read for resuming subscribers so far (each read only on the subscriber's demand). */
    public long replayPagesRead() {
        return replayPagesRead.sum();
    }

    /** The live stream, after what the subscriber has (nothing, or every change through {@code resumeAfter}). */
    private Multi<StatusEvent> live(String clusterId, String connectionId, Long resumeAfter) {
        return Multi.createFrom().emitter(emitter -> {
            Subscription subscription = hub.register(clusterId, connectionId);
            emitter.onTermination(() -> hub.unregister(subscription));
            inSession(() -> start(clusterId, connectionId, resumeAfter, subscription.startSeq()))
                    .subscribe().with(start -> subscription.goLive(emitter, start,
                            resumeAfter == null ? subscription.startSeq() : resumeAfter), emitter::fail);
        });
    }

    /**
     * As {@link #subscribe}, ended when the subscriber's token stops being good ({@code validUntil}): the last
     * item then says so and names the id to resume from (the last change sent), so a client reconnects with
     * a new token and misses nothing. A stream never outlives the token it was opened with.
     */
    public Multi<StatusEvent> subscribeUntil(String clusterId, String connectionId, Long resumeAfter,
                                             Instant validUntil) {
        AtomicLong lastSent = new AtomicLong(resumeAfter == null ? 0 : resumeAfter);
        Duration remaining = Duration.between(clock.instant(), validUntil);
        if (remaining.isNegative() || remaining.isZero()) {
            return Multi.createFrom().item(StatusEvent.tokenExpired(lastSent.get()));
        }
        Multi<StatusEvent> untilExpiry = subscribe(clusterId, connectionId, resumeAfter)
                .invoke(event -> {
                    if (event.kind() == StatusEvent.Kind.SNAPSHOT || event.kind() == StatusEvent.Kind.DELETED) {
                        lastSent.set(event.seq());
                    }
                })
                .select().first(remaining);
        return Multi.createBy().concatenating().streams(untilExpiry, Multi.createFrom().deferred(() ->
                clock.instant().isBefore(validUntil) ? Multi.createFrom().empty()
                        : Multi.createFrom().item(StatusEvent.tokenExpired(lastSent.get()))));
    }

    /**
     * What the subscriber gets before the live changes: up to {@code startSeq}, from the database (after a
     * paged replay, only what was committed while it caught up).
     */
    private Uni<List<StatusEvent>> start(String clusterId, String connectionId, Long resumeAfter, long startSeq) {
        Uni<Boolean> fresh = resumeAfter == null ? Uni.createFrom().item(true)
                : changeLog.purgedThrough().map(horizon -> resumeAfter < horizon);
        return fresh.chain(current -> current
                ? views.currentSnapshots(clusterId, connectionId, startSeq).map(snapshots -> snapshots.stream()
                        .map(s -> StatusEvent.snapshot(s.seq(), s.connectionId(), s.clusterId(), s.snapshot())).toList())
                : replay(clusterId, connectionId, resumeAfter, startSeq, new ArrayList<>()));
    }

    private Uni<List<StatusEvent>> replay(String clusterId, String connectionId, long from, long until,
                                          List<StatusEvent> collected) {
        return changeLog.after(from, clusterId, connectionId, replayPage).chain(page -> {
            for (ChangeLogRepository.Change change : page) {
                if (change.seq() > until) {
                    return Uni.createFrom().item(collected);
                }
                collected.add(StatusEvent.of(change));
            }
            return page.size() < replayPage ? Uni.createFrom().item(collected)
                    : replay(clusterId, connectionId, page.get(page.size() - 1).seq(), until, collected);
        });
    }

    /**
     * Database work in a session of its own, on this thread's Vert.x context or, called from elsewhere (a
     * subscriber's demand may come from any thread), on an event loop's.
     */
    private <T> Uni<T> inSession(java.util.function.Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() ->
                SafeContexts.onNewContext(vertx.getOrCreateContext(), () -> Panache.withSession(work)));
    }

    /** Subscribers connected to this instance. */
    public int subscribers() {
        return hub.subscribers();
    }
}
