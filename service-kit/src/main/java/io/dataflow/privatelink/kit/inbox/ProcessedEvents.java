package io.dataflow.privatelink.kit.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The consumer-side log that makes event handling idempotent: the ids of a batch are recorded in the
 * same transaction as the batch's effects, and an id already recorded is skipped when Kafka delivers it
 * again.
 */
@ApplicationScoped
public class ProcessedEvents {

    /** Of these event ids, those this consumer has not processed before; records them all. */
    @SuppressWarnings("unchecked")
    public Uni<Set<String>> firstDeliveries(String consumer, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO processed_event (consumer, event_id)
                        SELECT ?1, id FROM unnest(CAST(?2 AS text[])) AS ids(id)
                        ON CONFLICT DO NOTHING RETURNING event_id""", String.class)
                .setParameter(1, consumer).setParameter(2, eventIds.toArray(String[]::new))
                .getResultList()).map(HashSet::new);
    }

    /** Whether the consumer has processed the event (read-your-writes asks this). */
    public Uni<Boolean> isProcessed(String consumer, String eventId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "SELECT count(*) FROM processed_event WHERE consumer = ?1 AND event_id = ?2", Long.class)
                .setParameter(1, consumer).setParameter(2, eventId).getSingleResult()).map(n -> n > 0);
    }

    /** Forgets ids older than {@code cutoff}: redeliveries come within minutes, not after the retention. */
    public Uni<Integer> purgeBefore(Instant cutoff) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "DELETE FROM processed_event WHERE processed_at < ?1").setParameter(1, cutoff).executeUpdate());
    }
}
