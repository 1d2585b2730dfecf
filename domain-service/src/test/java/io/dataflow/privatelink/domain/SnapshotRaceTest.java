package io.dataflow.privatelink.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.domain.projection.Scenario;
import io.dataflow.privatelink.domain.service.ConnectionProjection;
import io.dataflow.privatelink.infra.InfraTestResource;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * No write skew: two batches that change the same connection at the same time (an attach from the
 * request topic, a state change from the state topic, projected by two instances during a rebalance)
 * both end up in the snapshot published last, because a batch computes snapshots only under the
 * connection's row lock.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "domain_service"))
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

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch attachApplied = new CountDownLatch(1);
            CompletableFuture<Void> release = new CompletableFuture<>();
            // First: the attach, held open before its commit.
            Future<?> first = threads.submit(() -> inTransaction(() -> projection.apply(List.of(attach))
                    .invoke(attachApplied::countDown)
                    .chain(() -> onThisContext(release))));
            assertEquals(true, attachApplied.await(30, TimeUnit.SECONDS));
            // Second: the state change, which must wait for the first to commit.
            Future<?> second = threads.submit(() -> inTransaction(() -> projection.apply(List.of(active))));
            await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock'""") >= 1);
            release.complete(null);
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        JsonNode last = JSON.readTree(Sql.text("""
                SELECT snapshot FROM connection_change WHERE connection_id = ?1 ORDER BY seq DESC LIMIT 1""",
                connection));
        assertEquals("ACTIVE", last.path("state").asText(), last.toString());
        assertEquals(scenario.id("att1"), last.path("attachedDomains").path(0).path("attachDomainId").asText(),
                last.toString());
        assertEquals(last, JSON.readTree(Sql.text("SELECT last_snapshot FROM connection_view WHERE connection_id = ?1",
                connection)));
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
