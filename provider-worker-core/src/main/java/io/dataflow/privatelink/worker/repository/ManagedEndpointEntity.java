package io.dataflow.privatelink.worker.repository;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.worker.reconcile.ManagedEndpoint;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
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
 * An endpoint the worker manages, one per connection of its provider (table {@code managed_endpoint}):
 * what it knows of the cloud; the cloud stays the truth, and the tag on each endpoint ties it to its row.
 */
@Entity
@Table(name = "managed_endpoint")
public class ManagedEndpointEntity {

    @Id
    @Column(name = "connection_id")
    public String connectionId;

    @Column(name = "cluster_id")
    public String clusterId;

    @Convert(converter = PayloadJson.ConnectionRequestedJson.class)
    public ConnectionRequested request;

    @Enumerated(EnumType.STRING)
    public ConnectionState state;

    public String message;

    @Column(name = "endpoint_id")
    public String endpointId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "az_ids")
    public List<String> azIds;

    @Column(name = "deletion_requested")
    public boolean deletionRequested;

    @Column(name = "accept_deadline")
    public Instant acceptDeadline;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Null until pre-flight has seen the service. */
    @Column(name = "acceptance_required")
    public Boolean acceptanceRequired;

    /** One more with every recorded outcome; the reports carry it. */
    public long version;

    public ManagedEndpoint toManaged() {
        return new ManagedEndpoint(request, state, message, endpointId, azIds, deletionRequested, acceptDeadline,
                acceptanceRequired);
    }
}
