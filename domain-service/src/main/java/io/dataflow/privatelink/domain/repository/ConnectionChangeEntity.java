package io.dataflow.privatelink.domain.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One entry of the change log (table {@code connection_change}); rows are written by {@link ChangeLogRepository}. */
@Entity
@Table(name = "connection_change")
public class ConnectionChangeEntity {

    /** Assigned by the database ({@code BIGSERIAL}) in commit order: a status stream's event id. */
    @Id
    public long seq;

    @Column(name = "connection_id")
    public String connectionId;

    @Column(name = "cluster_id")
    public String clusterId;

    /** JSON of the API's PrivateLinkConnection; null once the connection was deleted. */
    public String snapshot;

    @Column(name = "change_time")
    public Instant changeTime;

    /** The trace of the event that made the change (W3C traceparent); null: not traced. */
    @Column(name = "trace_parent")
    public String traceParent;
}
