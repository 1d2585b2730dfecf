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
     * Claims the key for this transaction: true when it is new. When another transaction holds it
     * uncommitted, this waits for that one to end (the primary key's lock), so two racing retries never
     * both create; false then, and the first one's row can be read.
     */
    public Uni<Boolean> claim(String clusterId, String key, String requestHash, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO idempotency_key (cluster_id, idempotency_key, request_hash, created_at)
                        VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING""")
                .setParameter(1, clusterId).setParameter(2, key).setParameter(3, requestHash).setParameter(4, now)
                .executeUpdate()).map(rows -> rows == 1);
    }

    public Uni<IdempotencyKeyEntity> find(String clusterId, String key) {
        return findById(new IdempotencyKeyEntity.Key(clusterId, key));
    }

    public Uni<Void> recordAnswer(String clusterId, String key, String connectionId, String response) {
        return update("connectionId = ?1, response = ?2 where clusterId = ?3 and idempotencyKey = ?4",
                connectionId, response, clusterId, key).replaceWithVoid();
    }

    public Uni<Long> purgeBefore(Instant cutoff) {
        return delete("createdAt < ?1", cutoff);
    }
}
