package io.dataflow.privatelink.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.domain.projection.Scenario;
import io.dataflow.privatelink.domain.service.ConnectionProjection;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.kit.faults.TransientFailures;
import io.dataflow.privatelink.kit.messaging.InboundEvent;
import io.dataflow.privatelink.kit.testing.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batches of the same connection projected at the same time (two instances during a rebalance).
 *
 * <p>No write skew: two batches that change the same connection at the same time (an attach from the
 * request topic, a state change from the state topic, projected by two instances during a rebalance)
 * both end up in the snapshot published last, because a batch computes snapshots only under the
 * connection's row lock.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "domain_service"))
@QuarkusTestResource(DomainServiceTokens.class)
class SnapshotRaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ConnectionProjection projection;

    @Test
    void anAttachRacingAStateChangeOfTheSameConnectionAreBothInTheLastSnapshot() throws Exception {
        Scenario scenario = new Scenario.Story("race", s -> s.requested("conn1")
                .state("conn1", ConnectionState.PENDING_ACCEPTANCE, null)
                .attachRequested("conn1", "att1", "u1")
                .state("conn1", ConnectionState.ACTIVE, null)).forRun("-" + UUID.randomUUID());
        String connection = scenario.id("conn1");
        List<InboundEvent> events = scenario.interleaving(new java.util.Random(0) {
            @Override
            public boolean nextBoolean() {
                return true; // all requests first: requested, attach; then the reports
            }
        });
        InboundEvent requested = events.get(0);
        InboundEvent attach = events.get(1);
        InboundEvent pending = events.get(2);
        InboundEvent active = events.get(3);
        inTransaction(() -> projection.apply(List.of(requested, pending)));

        // The attach first, held open before its commit; the state change must wait for it.
        Race race = race(List.of(attach), List.of(active));
        race.first().get(30, TimeUnit.SECONDS);
        race.second().get(30, TimeUnit.SECONDS);

        JsonNode last = JSON.readTree(Sql.text("""
                SELECT snapshot FROM connection_change WHERE connection_id = ?1 ORDER BY seq DESC LIMIT 1""",
                connection));
        assertEquals("ACTIVE", last.path("state").asText(), last.toString());
        assertEquals(scenario.id("att1"), last.path("attachedDomains").path(0).path("attachDomainId").asText(),
                last.toString());
        assertEquals(last, JSON.readTree(Sql.text("SELECT last_snapshot FROM connection_view WHERE connection_id = ?1",
                connection)));
    }

    @Test
    void twoBatchesProjectingANewConnectionAtOnceBothEndInItsRow() throws Exception {
        // A rebalance can hand a partition to a second instance while the first still projects it: here the
        // connection's first events arrive in two batches at once, neither finding a row to lock.
        Scenario scenario = new Scenario.Story("new", s -> s.requested("conn1")
                .state("conn1", ConnectionState.PENDING_ACCEPTANCE, null)).forRun("-" + UUID.randomUUID());
        String connection = scenario.id("conn1");
        List<InboundEvent> events = scenario.interleaving(new java.util.Random(0) {
            @Override
            public boolean nextBoolean() {
                return true;
            }
        });
        InboundEvent requested = events.get(0);
        InboundEvent pending = events.get(1);

        // The second inserts the same new row and waits for the first to commit or roll back.
        Race race = race(List.of(requested), List.of(pending));
        race.first().get(30, TimeUnit.SECONDS);
        ExecutionException lost = assertThrows(ExecutionException.class, () -> race.second().get(30, TimeUnit.SECONDS));
        assertTrue(TransientFailures.isTransient(lost), "the losing batch is retried, not dead-lettered: " + lost);
        // What the consumer does with a transient failure: the batch again. It now finds the row and locks it.
        inTransaction(() -> projection.apply(List.of(pending)));

        assertEquals(1, Sql.count("""
                SELECT count(*) FROM connection_view WHERE connection_id = ?1
                  AND display_name IS NOT NULL AND state = 'PENDING_ACCEPTANCE'""", connection));
        JsonNode last = JSON.readTree(Sql.text("SELECT last_snapshot FROM connection_view WHERE connection_id = ?1",
                connection));
        assertEquals("PENDING_ACCEPTANCE", last.path("state").asText(), last.toString());
    }

    /** Two batches' transactions, each done when it committed or failed. */
    private record Race(Future<?> first, Future<?> second) {
    }

    /**
     * Projects the first batch and holds its transaction open, then the second, until the second waits for a
     * lock the first holds; then lets the first commit.
     */
    private Race race(List<InboundEvent> firstBatch, List<InboundEvent> secondBatch) {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch firstApplied = new CountDownLatch(1);
            CompletableFuture<Void> release = new CompletableFuture<>();
            Future<?> first = threads.submit(() -> inTransaction(() -> projection.apply(firstBatch)
                    .invoke(firstApplied::countDown)
                    .chain(() -> onThisContext(release))));
            assertTrue(firstApplied.await(30, TimeUnit.SECONDS), "the first batch was applied");
            Future<?> second = threads.submit(() -> inTransaction(() -> projection.apply(secondBatch)));
            await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock'""") >= 1);
            release.complete(null);
            return new Race(first, second);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            threads.shutdown();
        }
    }

    /** Waits for the future, then carries on on the caller's Vert.x context (where its session lives). */
    private static Uni<Void> onThisContext(CompletableFuture<Void> future) {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return Uni.createFrom().completionStage(future).emitOn(command -> context.runOnContext(v -> command.run()));
    }

    private static void inTransaction(java.util.function.Supplier<Uni<?>> work) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> work.get().replaceWithVoid()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
