package io.dataflow.privatelink.kit.inbox;

import io.dataflow.privatelink.kit.faults.RetryableConflict;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The consumer-side log that makes event handling idempotent: the ids of a batch are recorded in the
 * same transaction as the batch's effects, and an id already recorded is skipped when Kafka delivers it
 * again.
 */
@ApplicationScoped
public class ProcessedEvents {

    /**
     * Of these event ids, those this consumer has not processed before; records them all. When another
     * transaction records some of them at the same time (the same batch delivered to two consumers during
     * a rebalance), this one fails with {@link RetryableConflict}: retried, it finds them processed.
     */
    public Uni<Set<String>> firstDeliveries(String consumer, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().chain(session -> session.createSelectionQuery("""
                        select p.eventId from ProcessedEventEntity p
                        where p.consumer = :consumer and p.eventId in :ids""", String.class)
                .setParameter("consumer", consumer).setParameter("ids", eventIds).getResultList()
                .chain(seen -> {
                    Set<String> first = new LinkedHashSet<>(eventIds);
                    seen.forEach(first::remove);
                    if (first.isEmpty()) {
                        return Uni.createFrom().item(Set.<String>of());
                    }
                    return session.createNativeQuery("""
                                    INSERT INTO processed_event (consumer, event_id)
                                    SELECT ?1, id FROM unnest(CAST(?2 AS text[])) AS ids(id)
                                    ON CONFLICT DO NOTHING""")
                            .setParameter(1, consumer).setParameter(2, first.toArray(String[]::new))
                            .executeUpdate()
                            .map(inserted -> {
                                if (inserted != first.size()) {
                                    throw new RetryableConflict(consumer + ": " + (first.size() - inserted)
                                            + " of the batch's events were recorded by another transaction meanwhile");
                                }
                                return first;
                            });
                }));
    }

    /** Whether the consumer has processed the event (read-your-writes asks this). */
    public Uni<Boolean> isProcessed(String consumer, String eventId) {
        return Panache.getSession().chain(session -> session.createSelectionQuery("""
                        select count(p) from ProcessedEventEntity p
                        where p.consumer = :consumer and p.eventId = :id""", Long.class)
                .setParameter("consumer", consumer).setParameter("id", eventId).getSingleResult())
                .map(n -> n > 0);
    }

    /** Forgets ids older than {@code cutoff}: redeliveries come within minutes, not after the retention. */
    public Uni<Integer> purgeBefore(Instant cutoff) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "DELETE FROM processed_event WHERE processed_at < ?1").setParameter(1, cutoff).executeUpdate());
    }
}
