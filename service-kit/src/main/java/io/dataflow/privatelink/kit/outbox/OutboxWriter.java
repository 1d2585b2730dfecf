package io.dataflow.privatelink.kit.outbox;

import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.kit.outbox.OutboxRepository.Outgoing;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Appends events to the outbox inside the caller's transaction: the business change and its events
 * commit or roll back together (no dual write). The relay publishes them once committed; the append's
 * notification wakes it at commit.
 */
@ApplicationScoped
public class OutboxWriter {

    private final OutboxRepository outbox;

    OutboxWriter(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> append(String topic, CloudEvent event) {
        return appendAll(List.of(new Outgoing(topic, event)));
    }

    /** Appends several events in one statement, in this order. Fails outside a transaction. */
    public Uni<Void> appendAll(List<Outgoing> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.currentTransaction().chain(transaction -> transaction == null
                ? Uni.createFrom().failure(new IllegalStateException(
                        "the outbox is written in the transaction of the change it announces; none is active"))
                : outbox.insertAll(events));
    }
}
