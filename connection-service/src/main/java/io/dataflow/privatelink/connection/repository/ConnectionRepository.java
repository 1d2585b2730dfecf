package io.dataflow.privatelink.connection.repository;

import io.dataflow.privatelink.kit.db.ColumnArrays;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Collection;
import java.util.List;

/** The connection aggregate table. Writes join the caller's transaction, with the outbox row they cause. */
@ApplicationScoped
public class ConnectionRepository implements PanacheRepositoryBase<ConnectionEntity, String> {

    /** The cluster's connection, locked for update: commands on one connection serialise on it. */
    public Uni<ConnectionEntity> findForUpdate(String clusterId, String connectionId) {
        return find("connectionId = ?1 and clusterId = ?2", connectionId, clusterId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /**
     * Inserts new connections (version 1, no endpoint yet) in one statement: a group of creates is written
     * with one round trip, not an entity insert each.
     */
    public Uni<Void> insertNew(List<ConnectionEntity> rows) {
        int n = rows.size();
        String[][] columns = new String[10][n];
        for (int i = 0; i < n; i++) {
            ConnectionEntity row = rows.get(i);
            if (row.version != 1 || row.endpointId != null || row.azIds != null || row.message != null) {
                throw new IllegalArgumentException("not a new connection: " + row.connectionId);
            }
            columns[0][i] = row.connectionId;
            columns[1][i] = row.clusterId;
            columns[2][i] = row.displayName;
            columns[3][i] = row.type.name();
            columns[4][i] = row.serviceName;
            columns[5][i] = row.serviceRegion;
            columns[6][i] = row.state.name();
            columns[7][i] = row.createdBy;
            columns[8][i] = row.createTime.toString();
            columns[9][i] = row.updateTime.toString();
        }
        return ColumnArrays.executeUpdate("""
                    INSERT INTO connection (connection_id, cluster_id, display_name, type, service_name, service_region,
                                            state, created_by, create_time, update_time, version, worker_version)
                    SELECT id, cluster, name, type, service, region, state, created_by,
                           CAST(created AS timestamptz), CAST(updated AS timestamptz), 1, 0
                    FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[]), CAST(?4 AS text[]),
                                CAST(?5 AS text[]), CAST(?6 AS text[]), CAST(?7 AS text[]), CAST(?8 AS text[]),
                                CAST(?9 AS text[]), CAST(?10 AS text[]))
                         AS c(id, cluster, name, type, service, region, state, created_by, created, updated)""", columns).replaceWithVoid();
    }

    /**
     * Takes the quota locks of these scopes (e.g. {@code plc.quota/cluster/1001}) for the current transaction:
     * transaction-scoped advisory locks, one per scope, held until commit or rollback. They are taken in one
     * statement in the order of their lock keys, so two transactions that need some of the same scopes (two
     * instances' groups) never deadlock: one waits for the other. A lock key is a 64-bit hash of the scope
     * (a collision would only make two scopes wait for each other).
     */
    public Uni<Void> lockQuotaScopes(Collection<String> scopes) {
        String[] keys = scopes.stream().distinct().sorted().toArray(String[]::new);
        return ColumnArrays.executeUpdate("""
                    SELECT pg_advisory_xact_lock(k)
                    FROM (SELECT DISTINCT hashtextextended(s, 0) AS k FROM unnest(CAST(?1 AS text[])) AS s
                          ORDER BY k) AS ordered""", keys).replaceWithVoid();
    }

    /**
     * The connections of every cluster of these projects, as {@code {projectId, clusterId, count}} (clusters
     * without one are left out). Every row counts, whatever its state: a connection's row is removed once its
     * worker reports it deleted.
     */
    public Uni<List<Object[]>> countByProjectAndCluster(Collection<String> projectIds) {
        return getSession().chain(session -> session.createSelectionQuery("""
                        select k.projectId, c.clusterId, count(c) from ConnectionEntity c
                        join ClusterEntity k on k.clusterId = c.clusterId
                        where k.projectId in (:projects)
                        group by k.projectId, c.clusterId""", Object[].class)
                .setParameter("projects", projectIds).getResultList());
    }

    /** The connection locked for update, whatever its cluster (the workers' reports name it by id). */
    public Uni<ConnectionEntity> findByIdForUpdate(String connectionId) {
        return findById(connectionId, LockModeType.PESSIMISTIC_WRITE);
    }
}
