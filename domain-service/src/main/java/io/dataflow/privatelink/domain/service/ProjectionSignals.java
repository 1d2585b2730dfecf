package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.kit.db.DatabaseNotifications;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/** Tells waiters that a projection batch committed (in any instance), from the database's notification. */
@ApplicationScoped
public class ProjectionSignals {

    private final DatabaseNotifications notifications;
    private final AtomicReference<CompletableFuture<Void>> next = new AtomicReference<>(new CompletableFuture<>());

    ProjectionSignals(DatabaseNotifications notifications) {
        this.notifications = notifications;
    }

    void start(@Observes StartupEvent startup) {
        notifications.listen(ConnectionProjection.PROJECTED_CHANNEL, this::signal);
    }

    /**
     * Completes when the next batch commits (taken before looking at the database, so none is missed).
     * Each waiter gets a copy of the shared future: Mutiny cancels the future it waits on when the
     * waiter gives up (a query's time-out), and cancelling the shared one would fail every other waiter
     * with a {@code CancellationException} (a 500 to their callers).
     */
    public Uni<Void> nextBatch() {
        CompletableFuture<Void> waiting = next.get().copy();
        return Uni.createFrom().completionStage(waiting);
    }

    /** False while the database's notifications cannot arrive (the LISTEN connection is down): look, don't wait. */
    public boolean listening() {
        return notifications.listening();
    }

    void signal() {
        next.getAndSet(new CompletableFuture<>()).complete(null);
    }
}
