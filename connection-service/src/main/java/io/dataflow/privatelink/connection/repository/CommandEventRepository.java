package io.dataflow.privatelink.connection.repository;

import io.dataflow.privatelink.kit.db.ColumnArrays;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/**
 * Each cluster's command events, newest last (table {@code command_event}): what a forwarded query waits
 * to be projected. Appended in each command's transaction, without touching the cluster's row, so
 * commands on one cluster do not serialise on it.
 */
@ApplicationScoped
public class CommandEventRepository {

    /** Appends the clusters' command events (clusterIds[i] is eventIds[i]'s) in one statement, in this order. */
    public Uni<Void> appendAll(String[] clusterIds, String[] eventIds) {
        return ColumnArrays.executeUpdate("""
                INSERT INTO command_event (cluster_id, event_id)
                SELECT cluster_id, event_id
                FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[])) WITH ORDINALITY AS e(cluster_id, event_id, n)
                ORDER BY n""", clusterIds, eventIds).replaceWithVoid();
    }

    /**
     * The cluster's latest committed command event. A caller's own command, once answered, is this one or
     * older than it: the query waits at least for the caller's writes.
     */
    public Uni<Optional<String>> latest(String clusterId) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select c.eventId from CommandEventEntity c where c.clusterId = :cluster order by c.seq desc",
                        String.class)
                .setParameter("cluster", clusterId).setMaxResults(1).getResultList())
                .map(rows -> rows.stream().findFirst());
    }

    public Uni<Integer> purgeBefore(Instant cutoff) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "DELETE FROM command_event WHERE at < ?1").setParameter(1, cutoff).executeUpdate());
    }
}
