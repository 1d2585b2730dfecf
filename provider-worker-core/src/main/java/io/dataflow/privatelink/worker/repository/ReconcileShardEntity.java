package io.dataflow.privatelink.worker.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One shard of a worker's connections and its lease (table {@code reconcile_shard}). */
@Entity
@Table(name = "reconcile_shard")
public class ReconcileShardEntity {

    @Id
    public int shard;

    /** The instance leasing it; null when released. */
    public String owner;

    /** The fencing token: raised each time the shard changes hands. */
    public long epoch;

    @Column(name = "expires_at")
    public Instant expiresAt;
}
