package io.dataflow.privatelink.connection.repository;

import io.dataflow.privatelink.kit.db.ColumnArrays;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Idempotency keys of creates, kept for {@code plc.idempotency.retention}. */
@ApplicationScoped
public class IdempotencyKeyRepository implements PanacheRepositoryBase<IdempotencyKeyEntity, IdempotencyKeyEntity.Key> {

    /**
     * Records keys with the answers of the creates they made, in those creates' transaction, in one
     * statement: how many were new. When another transaction holds a key uncommitted, this waits for that
     * one to end (the primary key's lock), so two racing retries never both create; that key is then not
     * new, and the first one's row can be read once this transaction is rolled back. Keys are inserted in
     * key order, so two transactions inserting the same keys wait for each other instead of deadlocking.
     */
    public Uni<Integer> recordAll(List<IdempotencyKeyEntity> rows) {
        List<IdempotencyKeyEntity> sorted = rows.stream().sorted(Comparator.comparing((IdempotencyKeyEntity k) -> k.clusterId)
                .thenComparing(k -> k.idempotencyKey)).toList();
        int n = sorted.size();
        String[][] columns = new String[6][n];
        for (int i = 0; i < n; i++) {
            IdempotencyKeyEntity row = sorted.get(i);
            columns[0][i] = row.clusterId;
            columns[1][i] = row.idempotencyKey;
            columns[2][i] = row.requestHash;
            columns[3][i] = row.connectionId;
            columns[4][i] = row.response;
            columns[5][i] = row.createdAt.toString();
        }
        return ColumnArrays.executeUpdate("""
                    INSERT INTO idempotency_key (cluster_id, idempotency_key, request_hash, connection_id, response,
                                                 created_at)
                    SELECT cluster_id, idempotency_key, request_hash, connection_id, response,
                           CAST(created_at AS timestamptz)
                    FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[]), CAST(?4 AS text[]),
                                CAST(?5 AS text[]), CAST(?6 AS text[]))
                         WITH ORDINALITY AS k(cluster_id, idempotency_key, request_hash, connection_id, response,
                                              created_at, n)
                    ORDER BY n
                    ON CONFLICT DO NOTHING""", columns);
    }

    public Uni<IdempotencyKeyEntity> find(String clusterId, String key) {
        return findById(new IdempotencyKeyEntity.Key(clusterId, key));
    }

    /** The recorded keys among these (by cluster and key; those not recorded are missing from the answer). */
    public Uni<List<IdempotencyKeyEntity>> findAll(List<IdempotencyKeyEntity> wanted) {
        List<String> clusters = wanted.stream().map(k -> k.clusterId).distinct().toList();
        List<String> names = wanted.stream().map(k -> k.idempotencyKey).distinct().toList();
        // A superset at most (a key of one cluster may be named with another's); the caller matches both parts.
        return list("clusterId in ?1 and idempotencyKey in ?2", clusters, names);
    }

    public Uni<Long> purgeBefore(Instant cutoff) {
        return delete("createdAt < ?1", cutoff);
    }
}
