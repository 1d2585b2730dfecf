package io.dataflow.privatelink.domain.repository;

import io.dataflow.privatelink.domain.projection.ProjectionEffects.SnapshotChange;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The change log status subscriptions are served from (table {@code connection_change}), in commit order. */
@ApplicationScoped
public class ChangeLogRepository {

    /** Key of the advisory lock that orders change-log commits. */
    static final long CHANGE_LOG_LOCK = 0x636861676c6f67L;

    /** One change: the connection's snapshot after it (JSON), or null when the connection was deleted. */
    public record Change(long seq, String connectionId, String clusterId, String snapshot, Instant changeTime,
                         String traceParent) {
    }

    /**
     * Appends the changes in their order and returns their sequence numbers. The lock is held until the
     * batch's transaction commits, so changes commit in seq order: a reader that has seen seq N never
     * later finds an N-1 appear. Each change keeps the trace of its connection's event ({@code traceByConnection}).
     */
    public Uni<List<Long>> appendAll(List<SnapshotChange> changes, java.util.Map<String, String> traceByConnection) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = changes.size();
        String[] connections = new String[n];
        String[] clusters = new String[n];
        String[] snapshots = new String[n];
        String[] times = new String[n];
        String[] traces = new String[n];
        for (int i = 0; i < n; i++) {
            SnapshotChange c = changes.get(i);
            connections[i] = c.connectionId();
            clusters[i] = c.clusterId();
            snapshots[i] = c.snapshot();
            times[i] = c.time().toString();
            traces[i] = traceByConnection.get(c.connectionId());
        }
        // Under the lock no other writer takes sequence numbers: this batch's are those above the max.
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT pg_advisory_xact_lock(?1)")
                .setParameter(1, CHANGE_LOG_LOCK).executeUpdate()
                .chain(this::lastSeq)
                .chain(before -> session.createNativeQuery("""
                                INSERT INTO connection_change (connection_id, cluster_id, snapshot, change_time,
                                  trace_parent)
                                SELECT connection, cluster, snapshot, CAST(time AS timestamptz), trace
                                FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[]),
                                            CAST(?4 AS text[]), CAST(?5 AS text[]))
                                     WITH ORDINALITY AS c(connection, cluster, snapshot, time, trace, n)
                                ORDER BY n""")
                        .setParameter(1, connections).setParameter(2, clusters).setParameter(3, snapshots)
                        .setParameter(4, times).setParameter(5, traces).executeUpdate()
                        .chain(() -> session.createSelectionQuery(
                                        "select c.seq from ConnectionChangeEntity c where c.seq > :before order by c.seq",
                                        Long.class)
                                .setParameter("before", before).getResultList())));
    }

    /** Changes after {@code afterSeq}, oldest first; {@code clusterId} and {@code connectionId} filter when given. */
    public Uni<List<Change>> after(long afterSeq, String clusterId, String connectionId, int limit) {
        return Panache.getSession().chain(session -> session.createSelectionQuery("""
                        select c.seq, c.connectionId, c.clusterId, c.snapshot, c.changeTime, c.traceParent
                        from ConnectionChangeEntity c
                        where c.seq > :after and (:cluster is null or c.clusterId = :cluster)
                          and (:connection is null or c.connectionId = :connection)
                        order by c.seq""", Change.class)
                .setParameter("after", afterSeq).setParameter("cluster", clusterId)
                .setParameter("connection", connectionId).setMaxResults(limit).getResultList());
    }

    public Uni<Long> lastSeq() {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                "select coalesce(max(c.seq), 0) from ConnectionChangeEntity c", Long.class).getSingleResult());
    }

    /** Changes up to here were purged: a subscriber resuming from before it starts from the current state. */
    public Uni<Long> purgedThrough() {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                "select h.purgedThrough from ChangeLogHorizonEntity h", Long.class).getSingleResult());
    }

    /**
     * Drops changes older than {@code cutoff} and moves the horizon past them. The current snapshots of
     * live connections are kept in the read model itself, so new subscribers still start with all of them.
     */
    public Uni<Integer> purgeBefore(Instant cutoff) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        WITH purged AS (DELETE FROM connection_change WHERE change_time < ?1 RETURNING seq)
                        UPDATE change_log_horizon SET purged_through = GREATEST(purged_through,
                          COALESCE((SELECT max(seq) FROM purged), 0))""")
                .setParameter(1, cutoff).executeUpdate());
    }
}
