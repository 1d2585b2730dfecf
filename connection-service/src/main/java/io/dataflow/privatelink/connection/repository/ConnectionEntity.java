package io.dataflow.privatelink.connection.repository;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;

/**
 * The connection aggregate (table {@code connection}): accepted commands, plus the state the workers
 * report, so that later commands are checked against the current state.
 */
@Entity
@Table(name = "connection")
public class ConnectionEntity {

    @Id
    @Column(name = "connection_id")
    public String connectionId;

    @Column(name = "cluster_id")
    public String clusterId;

    @Column(name = "display_name")
    public String displayName;

    @Enumerated(EnumType.STRING)
    public ConnectionType type;

    @Column(name = "service_name")
    public String serviceName;

    @Column(name = "service_region")
    public String serviceRegion;

    @Enumerated(EnumType.STRING)
    public ConnectionState state;

    public String message;

    @Column(name = "endpoint_id")
    public String endpointId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "az_ids")
    public List<String> azIds;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "create_time")
    public Instant createTime;

    @Column(name = "update_time")
    public Instant updateTime;

    /** This service's version of the connection: one more with each accepted command (carried by its events). */
    public long version;

    /** The stamp of the latest worker report taken (version, time, event id); see {@code ReportStamp}. */
    @Column(name = "worker_version")
    public long workerVersion;

    @Column(name = "worker_time")
    public Instant workerTime;

    @Column(name = "worker_event_id")
    public String workerEventId;

    /** The connectivity test running on the connection (one at a time), null when none is; see ConnectivityTests. */
    @Column(name = "connectivity_test_id")
    public String connectivityTestId;

    @Column(name = "connectivity_test_time")
    public Instant connectivityTestTime;
}
