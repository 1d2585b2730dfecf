package io.dataflow.privatelink.connection.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A create that carried an {@code Idempotency-Key} (table {@code idempotency_key}): what was asked (a
 * fingerprint) and what was answered, so that the same request again gets the same answer and no second
 * connection.
 */
@Entity
@Table(name = "idempotency_key")
@IdClass(IdempotencyKeyEntity.Key.class)
public class IdempotencyKeyEntity {

    @Id
    @Column(name = "cluster_id")
    public String clusterId;

    @Id
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** SHA-256 of the caller and the validated request: a key reused for another request is refused. */
    @Column(name = "request_hash")
    public String requestHash;

    @Column(name = "connection_id")
    public String connectionId;

    /** The response body the first request got (JSON). */
    public String response;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The composite key. */
    public static class Key implements Serializable {
        public String clusterId;
        public String idempotencyKey;

        public Key() {
        }

        public Key(String clusterId, String idempotencyKey) {
            this.clusterId = clusterId;
            this.idempotencyKey = idempotencyKey;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(clusterId, key.clusterId)
                    && Objects.equals(idempotencyKey, key.idempotencyKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(clusterId, idempotencyKey);
        }
    }
}
