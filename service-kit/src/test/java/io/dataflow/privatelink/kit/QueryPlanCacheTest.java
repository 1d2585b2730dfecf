package io.dataflow.privatelink.kit;

import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.kit.inbox.ProcessedEvents;
import io.dataflow.privatelink.kit.outbox.OutboxWriter;
import io.dataflow.privatelink.kit.testing.QueryPlans;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kit's queries find their query plans again instead of adding one per execution. Hibernate Reactive
 * 3.2 keys the plan of a native select on a result mapping without {@code equals()}, so each execution
 * adds a plan, and every lookup of that SQL then walks all of them (a fifth of connection-service's CPU
 * under load): reads are HQL, native SQL only runs through {@code executeUpdate}.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "kit_test"))
class QueryPlanCacheTest {

    private static final int EXECUTIONS = 50;

    @Inject
    OutboxWriter outbox;

    @Inject
    ProcessedEvents processed;

    @Test
    void theOutboxAndTheInboxReuseTheirQueryPlans() throws Throwable {
        once(); // every plan made once
        int before = QueryPlans.cached();
        for (int i = 0; i < EXECUTIONS; i++) {
            once();
        }
        int grown = QueryPlans.cached() - before;
        assertTrue(grown < 5, "the query plan cache grew by " + grown + " plans over " + EXECUTIONS
                + " executions of the same queries");
    }

    /** An append (which wakes the relay: its lock, batch and delete), a batch deduplicated twice, a lookup. */
    private void once() throws Throwable {
        String id = UUID.randomUUID().toString();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.append("kit.plans.v1",
                        CloudEvent.of("kit.test.v1", "/kit-test", "plc-plans", Instant.now(), Map.of("n", 1)), null)
                .chain(() -> processed.firstDeliveries("kit-plans", List.of(id)))
                .chain(() -> processed.firstDeliveries("kit-plans", List.of(id, UUID.randomUUID().toString())))
                .chain(() -> processed.isProcessed("kit-plans", id))));
    }
}
