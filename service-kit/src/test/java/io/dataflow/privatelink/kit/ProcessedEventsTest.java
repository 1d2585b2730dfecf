package io.dataflow.privatelink.kit;

import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.kit.faults.RetryableConflict;
import io.dataflow.privatelink.kit.faults.TransientFailures;
import io.dataflow.privatelink.kit.inbox.ProcessedEvents;
import io.dataflow.privatelink.kit.inbox.ProcessedEventsRetention;
import io.dataflow.privatelink.kit.testing.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "kit_test"))
class ProcessedEventsTest {

    @Inject
    ProcessedEvents processed;

    @Inject
    ProcessedEventsRetention retention;

    @Test
    void idsOlderThanTheRetentionArePurgedAndNewerOnesKept() throws Throwable {
        String consumer = "purge-" + UUID.randomUUID();
        Sql.execute("""
                INSERT INTO processed_event (consumer, event_id, processed_at)
                VALUES (?1, 'old', now() - interval '8 days'), (?1, 'recent', now() - interval '6 days'),
                       (?1, 'new', now())""", consumer);

        int purged = VertxContextSupport.subscribeAndAwait(() -> retention.purge());

        assertTrue(purged >= 1, "purged " + purged);
        assertEquals(List.of("new", "recent"), Sql.texts(
                "SELECT event_id FROM processed_event WHERE consumer = ?1 ORDER BY event_id", consumer));
    }

    @Test
    void aBatchRecordedByTwoTransactionsAtOnceIsFirstForOnlyOne() throws Exception {
        String consumer = "race-" + UUID.randomUUID();
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        // The first transaction records the batch and stays open a moment, as a slow batch would; the
        // second, meanwhile, finds nothing recorded yet and waits on the first's rows.
        CompletableFuture<Set<String>> first = CompletableFuture.supplyAsync(() -> record(consumer, ids, Duration.ofSeconds(2)));
        await(ProcessedEventsTest::openTransactionsRecording);
        CompletableFuture<Set<String>> second = CompletableFuture.supplyAsync(() -> record(consumer, ids, Duration.ZERO));

        assertEquals(Set.copyOf(ids), first.get(30, TimeUnit.SECONDS));
        ExecutionException lost = assertThrows(ExecutionException.class, () -> second.get(30, TimeUnit.SECONDS));
        RetryableConflict conflict = assertInstanceOf(RetryableConflict.class, rootOf(lost));
        assertTrue(TransientFailures.isTransient(conflict), "retried, not dead-lettered");
        assertEquals(Set.of(), record(consumer, ids, Duration.ZERO), "the retry finds the batch processed");
    }

    private Set<String> record(String consumer, List<String> ids, Duration holdOpen) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                    holdOpen.isZero() ? processed.firstDeliveries(consumer, ids)
                            : processed.firstDeliveries(consumer, ids).onItem().delayIt().by(holdOpen)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean openTransactionsRecording() {
        return io.dataflow.privatelink.kit.testing.Sql.count("""
                SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'
                  AND query LIKE 'INSERT INTO processed_event%'""") > 0;
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(condition);
    }

    private static Throwable rootOf(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof RetryableConflict)) {
            t = t.getCause();
        }
        return t;
    }
}
