package io.dataflow.privatelink.domain.repository;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.kit.db.ColumnArrays;
import io.dataflow.privatelink.kit.faults.RetryableConflict;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The connection read model. */
@ApplicationScoped
public class ConnectionViewRepository implements PanacheRepositoryBase<ConnectionViewEntity, String> {

    /** Where a page starts: after this (createTime, connectionId) in the list order. */
    public record PagePosition(Instant createTime, String connectionId) {
    }

    /** A connection's current snapshot as last published, and the change that published it. */
    public record CurrentSnapshot(String connectionId, String clusterId, String snapshot, long seq) {
    }

    private static final String LIVE = "clusterId = :cluster and deletedAt is null and displayName is not null";

    /**
     * The rows that exist, locked for the transaction in id order (so two batches never deadlock): whatever
     * a batch computes from them (snapshots above all) cannot miss a change another batch makes meanwhile.
     * A connection without a row yet is written by {@link #insertAll} once the batch is applied.
     */
    public Uni<List<ConnectionViewEntity>> lockAll(List<String> connectionIds) {
        // Read-only: the session keeps no copy to compare at flush; the batch writes them with writeAll.
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "from ConnectionViewEntity v where v.connectionId in :ids order by v.connectionId",
                        ConnectionViewEntity.class)
                .setParameter("ids", connectionIds).setLockMode(LockModeType.PESSIMISTIC_WRITE).setReadOnly(true)
                .getResultList());
    }

    /**
     * Writes the rows back, every column, in one statement (rows from {@link #lockAll}: the session does
     * not track them, so a flush writes nothing for them).
     */
    public Uni<Void> writeAll(Collection<ConnectionViewEntity> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return ColumnArrays.executeUpdate("UPDATE connection_view v SET " + ViewColumns.ASSIGNMENTS
                        + " FROM" + ViewColumns.UNNEST + "WHERE v.connection_id = r.connection_id",
                ViewColumns.arrays(rows)).replaceWithVoid();
    }

    /**
     * Inserts the rows of connections whose first events this batch projected, with what the batch made of
     * them, in one statement: each row is written once, not inserted empty and then updated. When another
     * transaction inserted one of them meanwhile (two instances projecting the same partition during a
     * rebalance), the batch fails with {@link RetryableConflict}: retried, it finds the row and locks it.
     */
    public Uni<Void> insertAll(Collection<ConnectionViewEntity> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return ColumnArrays.executeUpdate("INSERT INTO connection_view (" + ViewColumns.NAMES + ") SELECT "
                        + ViewColumns.FROM_ROW + " FROM" + ViewColumns.UNNEST + "ON CONFLICT (connection_id) DO NOTHING",
                        ViewColumns.arrays(rows))
                .invoke(inserted -> {
                    if (inserted != rows.size()) {
                        throw new RetryableConflict((rows.size() - inserted)
                                + " connection rows were inserted by another transaction meanwhile");
                    }
                })
                .replaceWithVoid();
    }

    /** A connection the API shows; one whose request has not been projected yet is not shown. */
    public Uni<ConnectionViewEntity> findLive(String clusterId, String connectionId) {
        return find("connectionId = :id and " + LIVE, Parameters.with("id", connectionId).and("cluster", clusterId))
                .firstResult();
    }

    /** Whether the cluster has any row at all (its tenancy check fails closed when its project is unknown). */
    public Uni<Boolean> anyOfCluster(String clusterId) {
        return find("clusterId = ?1", clusterId).firstResult().map(row -> row != null);
    }

    /** Whether the cluster has (or had, within the retention) this connection; and whether it is deleted. */
    public Uni<Boolean> deletedFlag(String clusterId, String connectionId) {
        return find("connectionId = ?1 and clusterId = ?2 and displayName is not null", connectionId, clusterId)
                .firstResult().map(row -> row == null ? null : row.deletedAt != null);
    }

    /** One page of a cluster's live connections in creation order, after {@code after} when given. */
    public Uni<List<ConnectionViewEntity>> page(String clusterId, ConnectionState state, PagePosition after, int limit) {
        StringBuilder query = new StringBuilder(LIVE);
        Parameters parameters = Parameters.with("cluster", clusterId);
        if (state != null) {
            query.append(" and state = :state");
            parameters.and("state", state);
        }
        if (after != null) {
            query.append(" and (createTime > :afterTime or (createTime = :afterTime and connectionId > :afterId))");
            parameters.and("afterTime", after.createTime()).and("afterId", after.connectionId());
        }
        query.append(" order by createTime, connectionId");
        return find(query.toString(), parameters).page(0, limit).list();
    }

    public Uni<Long> countLive(String clusterId, ConnectionState state) {
        return state == null ? count(LIVE, Parameters.with("cluster", clusterId))
                : count(LIVE + " and state = :state", Parameters.with("cluster", clusterId).and("state", state));
    }

    /**
     * Each connection of the scope whose latest change is at {@code seq} or before and shows it, oldest
     * change first: what a new subscriber starts with. Connections changed after {@code seq} reach it
     * live. Read from the connections themselves, so no retention of the change log can lose them.
     */
    public Uni<List<CurrentSnapshot>> currentSnapshots(String clusterId, String connectionId, long seq) {
        return Panache.getSession().chain(session -> session.createSelectionQuery("""
                        select v.connectionId, v.clusterId, v.lastSnapshot, v.lastChangeSeq from ConnectionViewEntity v
                        where v.clusterId = :cluster and (:connection is null or v.connectionId = :connection)
                          and v.lastSnapshot is not null and v.lastChangeSeq <= :seq
                        order by v.lastChangeSeq""", CurrentSnapshot.class)
                .setParameter("cluster", clusterId).setParameter("connection", connectionId).setParameter("seq", seq)
                .getResultList());
    }

    /** Connections deleted before {@code cutoff}: their tombstones can go (late events no longer arrive). */
    public Uni<List<String>> deletedBefore(Instant cutoff) {
        return find("select v.connectionId from ConnectionViewEntity v where v.deletedAt < ?1", cutoff)
                .project(String.class).list();
    }

    public Uni<Long> deleteAll(List<String> connectionIds) {
        return delete("connectionId in ?1", connectionIds);
    }

    /** How many visible connections there are, by type and state: rows of (type, state, count). */
    public Uni<List<Object[]>> countByTypeAndState() {
        return Panache.getSession().chain(session -> session.createSelectionQuery("""
                select v.type, v.state, count(v) from ConnectionViewEntity v
                where v.displayName is not null and v.deletedAt is null group by v.type, v.state""", Object[].class)
                .getResultList());
    }
}
