package io.dataflow.privatelink.connection.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Idempotency keys of creates, kept for {@code plc.idempotency.retention}. */
@ApplicationScoped
public class IdempotencyKeyRepository implements PanacheRepositoryBase<IdempotencyKeyEntity, IdempotencyKeyEntity.Key> {

    /**
     * Records the key with the answer of the create it made, in the create's transaction: true when the
     * key was new. When another transaction holds the key uncommitted, this waits for that one to end
     * (the primary key's lock), so two racing retries never both create; false then, and the first one's
     * row can be read once this transaction is rolled back.
     */
    public Uni<Boolean> record(String clusterId, String key, String requestHash, String connectionId,
                               String response, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO idempotency_key (cluster_id, idempotency_key, request_hash, connection_id,
                                                     response, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING""")
                .setParameter(1, clusterId).setParameter(2, key).setParameter(3, requestHash)
                .setParameter(4, connectionId).setParameter(5, response).setParameter(6, now)
                .executeUpdate()).map(rows -> rows == 1);
    }

    public Uni<IdempotencyKeyEntity> find(String clusterId, String key) {
        return findById(new IdempotencyKeyEntity.Key(clusterId, key));
    }

    public Uni<Long> purgeBefore(Instant cutoff) {
        return delete("createdAt < ?1", cutoff);
    }
}
