package io.dataflow.privatelink.worker.service;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The pass lock every instance of a worker shares: a transaction-scoped advisory lock on a connection of
 * its own, held for the pass and released by its rollback, or by the database when the instance dies.
 */
@ApplicationScoped
public class ReconcileLock {

    /** Advisory-lock key of the reconcile pass, shared by all instances of a worker (one database each). */
    public static final long KEY = 0x7265636f6e63696cL;

    private final Pool pool;

    ReconcileLock(Pool pool) {
        this.pool = pool;
    }

    /** The lock, held until {@link Held#close()}; empty when another instance holds it. Blocks: call off the event loop. */
    public Optional<Held> tryAcquire() {
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            connection.query("BEGIN").execute().await().indefinitely();
            boolean locked = connection.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                    .execute(Tuple.of(KEY)).await().indefinitely().iterator().next().getBoolean(0);
            if (locked) {
                return Optional.of(new Held(connection));
            }
            release(connection);
            return Optional.empty();
        } catch (RuntimeException e) {
            release(connection);
            throw e;
        }
    }

    private static void release(SqlConnection connection) {
        try {
            connection.query("ROLLBACK").execute().onFailure().recoverWithNull().await().indefinitely();
        } finally {
            connection.close().onFailure().recoverWithNull().await().indefinitely();
        }
    }

    /** A held lock. */
    public static final class Held implements AutoCloseable {
        private final SqlConnection connection;

        private Held(SqlConnection connection) {
            this.connection = connection;
        }

        @Override
        public void close() {
            release(connection);
        }
    }
}
