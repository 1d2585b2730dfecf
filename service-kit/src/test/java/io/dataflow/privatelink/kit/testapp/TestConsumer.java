package io.dataflow.privatelink.kit.testapp;

import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.kit.messaging.EventBatches;
import io.dataflow.privatelink.kit.messaging.InboundEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * The consumer of service-kit's tests: records each event it applies in {@code applied_event}. A
 * ConnectionRequested whose display name is {@link #POISON} fails in the handler, as a record no code
 * path can process would.
 */
@ApplicationScoped
public class TestConsumer {

    public static final String CONSUMER = "kit-test";
    public static final String POISON = "poison-in-handler";

    private final EventBatches batches;

    TestConsumer(EventBatches batches) {
        this.batches = batches;
    }

    @Incoming("kit-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return batches.consume(CONSUMER, records, this::apply);
    }

    private Uni<Void> apply(List<InboundEvent> events) {
        for (InboundEvent event : events) {
            if (event.payload() instanceof ConnectionRequested requested && POISON.equals(requested.displayName())) {
                return Uni.createFrom().failure(new IllegalArgumentException("cannot apply " + requested.displayName()));
            }
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO applied_event (event_id, connection)
                        SELECT * FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]))""")
                .setParameter(1, events.stream().map(e -> e.event().id()).toArray(String[]::new))
                .setParameter(2, events.stream().map(e -> e.payload().connectionId()).toArray(String[]::new))
                .executeUpdate()).replaceWithVoid();
    }
}
