package io.dataflow.privatelink.worker.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An instance of the worker and when it last renewed its leases (table {@code reconcile_member}). */
@Entity
@Table(name = "reconcile_member")
public class ReconcileMemberEntity {

    @Id
    @Column(name = "instance_id")
    public String instanceId;

    @Column(name = "seen_at")
    public Instant seenAt;
}
