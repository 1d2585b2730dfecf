package io.dataflow.privatelink.kit.outbox;

import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.kit.db.AfterCommit;
import io.dataflow.privatelink.kit.outbox.OutboxRepository.Outgoing;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Appends events to the outbox inside the caller's transaction: the business change and its events
 * commit or roll back together (no dual write). The relay publishes them once committed; the commit
 * wakes it ({@link OutboxWakeUps}, run {@link AfterCommit}).
 */
@ApplicationScoped
public class OutboxWriter {

    private final OutboxRepository outbox;
    private final OutboxWakeUps wakeUps;

    OutboxWriter(OutboxRepository outbox, OutboxWakeUps wakeUps) {
        this.outbox = outbox;
        this.wakeUps = wakeUps;
    }

    /** Appends one event, published under the trace context {@code traceParent} (null: none). */
    public Uni<Void> append(String topic, CloudEvent event, String traceParent) {
        return appendAll(List.of(new Outgoing(topic, event, traceParent)));
    }

    /** Appends several events in one statement, in this order. Fails outside a transaction. */
    public Uni<Void> appendAll(List<Outgoing> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.currentTransaction().chain(transaction -> {
            if (transaction == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "the outbox is written in the transaction of the change it announces; none is active"));
            }
            return AfterCommit.run(wakeUps::appendCommitted).chain(() -> outbox.insertAll(events));
        });
    }
}
