package io.dataflow.privatelink.domain.repository;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.FailureReason;
import io.dataflow.privatelink.contract.api.ConnectivityTest;
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
 * A connection in the read model (table {@code connection_view}): what each producer said, in columns
 * of its own, and what readers see, derived from them ({@code projection/ReadModelRules}).
 */
@Entity
@Table(name = "connection_view")
public class ConnectionViewEntity {

    @Id
    @Column(name = "connection_id")
    public String connectionId;

    @Column(name = "cluster_id")
    public String clusterId;

    // ---- from ConnectionRequested
    @Column(name = "display_name")
    public String displayName;

    /** The version of the event that set {@link #displayName} (the request's, or a later rename's). */
    @Column(name = "display_name_version")
    public long displayNameVersion;

    @Enumerated(EnumType.STRING)
    public ConnectionType type;

    @Column(name = "service_name")
    public String serviceName;

    @Column(name = "service_region")
    public String serviceRegion;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "create_time")
    public Instant createTime;

    // ---- from ConnectionDeletionRequested
    @Column(name = "deletion_requested_at")
    public Instant deletionRequestedAt;

    @Column(name = "deletion_requested_by")
    public String deletionRequestedBy;

    // ---- from the workers' latest report
    @Column(name = "worker_version")
    public long workerVersion = -1;

    @Column(name = "worker_time")
    public Instant workerTime;

    @Column(name = "worker_event_id")
    public String workerEventId;

    @Enumerated(EnumType.STRING)
    @Column(name = "worker_state")
    public ConnectionState workerState;

    @Column(name = "worker_message")
    public String workerMessage;

    /** Why the worker last reported the connection FAILED (null otherwise). */
    @Enumerated(EnumType.STRING)
    @Column(name = "worker_failure_reason")
    public FailureReason workerFailureReason;

    /** The acceptance deadline the worker last reported (null unless it waited for acceptance then). */
    @Column(name = "worker_acceptance_deadline")
    public Instant workerAcceptanceDeadline;

    @Column(name = "endpoint_id")
    public String endpointId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "az_ids")
    public List<String> azIds;

    // ---- from ConnectivityTestRequested and ConnectivityTestCompleted
    /**
     * The connection's last connectivity test, running or done ({@code projection/LastConnectivityTest}); null
     * when it has none or is deleted. Read as JSON by {@link EventJsonFormat}.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "connectivity_test")
    public ConnectivityTest connectivityTest;

    // ---- from ConnectionDeleted
    @Column(name = "deleted_at")
    public Instant deletedAt;

    // ---- derived
    @Enumerated(EnumType.STRING)
    public ConnectionState state;

    public String message;

    @Column(name = "update_time")
    public Instant updateTime;

    /** JSON of the snapshot last published; null when none is shown (never yet, or deleted). */
    @Column(name = "last_snapshot")
    public String lastSnapshot;

    @Column(name = "last_change_seq")
    public long lastChangeSeq;

    /** Its request is projected and it is not deleted: the API shows it. */
    public boolean isVisible() {
        return displayName != null && deletedAt == null;
    }
}
