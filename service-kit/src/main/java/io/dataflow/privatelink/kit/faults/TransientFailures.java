package io.dataflow.privatelink.kit.faults;

import io.vertx.pgclient.PgException;
import org.apache.kafka.common.errors.RetriableException;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a transient failure (the database or the broker briefly unreachable, a connection reset, a lock
 * or statement timeout, a deadlock, a failover, a row changed by a concurrent transaction) from one that the same input will meet again. Transient
 * failures are retried with backoff and never turn into lost data; only the others may dead-letter a
 * record or refuse a request.
 */
public final class TransientFailures {

    /**
     * PostgreSQL error classes (SQLSTATE's first two characters) whose errors depend on the data
     * sent, not on the server's condition: the same statement fails again.
     */
    private static final Set<String> DATA_ERROR_CLASSES = Set.of(
            "22", // data exception (invalid text, value too long, bad number)
            "23"  // integrity constraint violation
    );

    private TransientFailures() {
    }

    /** Whether retrying later may succeed: the cause chain holds a connection, timeout or server-state failure. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.smallrye.mutiny.CompositeException composite) {
                // A failure and what failed after it (e.g. the rollback on the same dead connection).
                return composite.getCauses().stream().anyMatch(TransientFailures::isTransient);
            }
            if (t instanceof PgException pg) {
                return isTransientSqlState(pg.getSqlState());
            }
            if (t instanceof RetryableConflict
                    || t instanceof jakarta.persistence.OptimisticLockException // a concurrent change: read again
                    || t instanceof org.hibernate.StaleStateException
                    || t instanceof IOException                 // refused, reset, closed channel
                    || t instanceof TimeoutException            // java.util.concurrent
                    || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof io.netty.channel.ConnectTimeoutException
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException
                    || t instanceof RetriableException          // Kafka: the broker will come back
                    || t instanceof org.apache.kafka.common.errors.TimeoutException
                    || isClosedConnectionMessage(t)) {
                return true;
            }
        }
        return false;
    }

    /** Every SQLSTATE but data errors: server unavailable (08, 57P0x), deadlock or serialization (40), lock timeout (55P03), resources (53). */
    public static boolean isTransientSqlState(String sqlState) {
        return sqlState == null || sqlState.length() < 2 || !DATA_ERROR_CLASSES.contains(sqlState.substring(0, 2));
    }

    /**
     * Vert.x reports some connection losses only by message ("Connection is closed", "Pool closed",
     * "Connection is not active now"), in a {@code VertxException} or a {@code NoStackTraceThrowable}
     * (which is not one).
     */
    private static boolean isClosedConnectionMessage(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getName().startsWith("io.vertx.") && message != null
                && (message.contains("Connection is closed") || message.contains("Connection reset")
                || message.contains("Pool closed") || message.contains("connection was closed")
                || message.contains("Connection is not active now"));
    }
}
