package io.dataflow.privatelink.kit.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.session.ReactiveSession;

import java.util.concurrent.CompletableFuture;

/** Work that must follow a commit, never precede it (wake-ups, notifications): run once the transaction commits. */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Registers {@code action} with the current session's transaction: it runs if and once that commits. */
    public static Uni<Void> run(Runnable action) {
        return Panache.getSession().invoke(session ->
                // Hibernate Reactive's after-completion SPI; Mutiny.Session exposes no unwrap, its implementation does
                ((MutinySessionImpl) session).unwrap(ReactiveSession.class).getReactiveActionQueue()
                        .registerProcess((committed, ignored) -> {
                            if (committed) {
                                action.run();
                            }
                            return CompletableFuture.completedFuture(null);
                        })).replaceWithVoid();
    }
}
