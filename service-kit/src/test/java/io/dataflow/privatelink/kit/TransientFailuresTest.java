package io.dataflow.privatelink.kit;

import io.dataflow.privatelink.kit.faults.TransientFailures;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransientFailuresTest {

    @Test
    void theDatabaseOrTheBrokerAwayIsTransient() {
        assertTrue(TransientFailures.isTransient(new CompletionException(new ConnectException("Connection refused"))));
        assertTrue(TransientFailures.isTransient(pg("57P01"))); // admin shutdown
        assertTrue(TransientFailures.isTransient(pg("08006"))); // connection failure
        assertTrue(TransientFailures.isTransient(pg("40P01"))); // deadlock
        assertTrue(TransientFailures.isTransient(pg("55P03"))); // lock not available
        assertTrue(TransientFailures.isTransient(new RuntimeException(
                new org.apache.kafka.common.errors.TimeoutException("expired"))));
    }

    @Test
    void aConnectionLostInTheMiddleOfATransactionIsTransient() {
        // What Hibernate Reactive reports when PostgreSQL dies under a transaction: the statement's
        // failure and the rollback's, both as Vert.x's stackless throwable.
        Throwable closed = new io.vertx.core.impl.NoStackTraceThrowable("Connection is not active now, current status: CLOSED");
        assertTrue(TransientFailures.isTransient(new io.smallrye.mutiny.CompositeException(closed, closed)));
        assertTrue(TransientFailures.isTransient(new io.smallrye.mutiny.CompositeException(
                new IllegalStateException("rollback failed"), new ConnectException("Connection refused"))));
        assertFalse(TransientFailures.isTransient(new io.smallrye.mutiny.CompositeException(
                new IllegalStateException("a"), new IllegalArgumentException("b"))));
    }

    @Test
    void aRowChangedByAConcurrentTransactionIsTransient() {
        // Hibernate's "expected row count 1 but was 0": someone changed or removed the row meanwhile; tried
        // again, the work reads the new state.
        assertTrue(TransientFailures.isTransient(new CompletionException(
                new jakarta.persistence.OptimisticLockException("Unexpected row count"))));
        assertTrue(TransientFailures.isTransient(new org.hibernate.StaleStateException("Unexpected row count")));
    }

    @Test
    void whatTheSameInputMeetsAgainIsNot() {
        assertFalse(TransientFailures.isTransient(pg("22021"))); // invalid byte sequence (a NUL)
        assertFalse(TransientFailures.isTransient(pg("23505"))); // unique violation
        assertFalse(TransientFailures.isTransient(new IllegalArgumentException("bad payload")));
        assertFalse(TransientFailures.isTransient(new RuntimeException(new NullPointerException())));
    }

    private static PgException pg(String sqlState) {
        return new PgException("test", "ERROR", sqlState, "detail");
    }
}
