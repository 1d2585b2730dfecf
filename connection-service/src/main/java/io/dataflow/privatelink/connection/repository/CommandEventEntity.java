package io.dataflow.privatelink.connection.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A command's event, per cluster (table {@code command_event}); rows are written by {@link CommandEventRepository}. */
@Entity
@Table(name = "command_event")
public class CommandEventEntity {

    /** Assigned by the database ({@code BIGSERIAL}): newest last. */
    @Id
    public long seq;

    @Column(name = "cluster_id")
    public String clusterId;

    @Column(name = "event_id")
    public String eventId;

    public Instant at;
}
