package io.dataflow.privatelink.worker.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import java.util.function.Supplier;

/**
 * The reconcile pass runs on a worker thread of its own, because the clouds' SDK calls block; its
 * database work is reactive all the same: each step runs on a Vert.x context of its own and this thread
 * waits for it. Never call these from an event loop.
 */
public final class Db {

    private Db() {
    }

    static <T> T transaction(Supplier<Uni<T>> work) {
        return await(() -> Panache.withTransaction(work));
    }

    public static <T> T read(Supplier<Uni<T>> work) {
        return await(() -> Panache.withSession(work));
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
