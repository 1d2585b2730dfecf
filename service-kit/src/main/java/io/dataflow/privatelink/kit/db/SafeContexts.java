package io.dataflow.privatelink.kit.db;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * Runs reactive database work from a plain Vert.x handler (a route of the router, not a REST resource):
 * Hibernate Reactive needs a duplicated context of its own, marked safe, which REST resources and
 * consumers get from Quarkus but raw handlers do not. The result arrives on the same event loop.
 */
public final class SafeContexts {

    private SafeContexts() {
    }

    public static <T> Uni<T> onNewContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Context current = Vertx.currentContext();
            if (current == null) {
                return Uni.createFrom().failure(new IllegalStateException("call this on a Vert.x thread"));
            }
            return onNewContext(current, work);
        });
    }

    /** The same, on a new context beside {@code base} (its event loop), whatever thread this is called on. */
    public static <T> Uni<T> onNewContext(Context base, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(base);
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> {
                try {
                    work.get().subscribe().with(emitter::complete, emitter::fail);
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            });
        });
    }
}
