package io.dataflow.privatelink.domain.repository;

import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.domains.DomainRecord;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.domains.DomainType;
import io.dataflow.privatelink.kit.persistence.DomainRecordsJson;
import io.dataflow.privatelink.kit.persistence.DomainsJson;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** An attached domain in the read model (table {@code attachment_view}), like {@link ConnectionViewEntity}. */
@Entity
@Table(name = "attachment_view")
public class AttachmentViewEntity {

    @Id
    @Column(name = "attach_domain_id")
    public String attachDomainId;

    @Column(name = "connection_id")
    public String connectionId;

    @Column(name = "cluster_id")
    public String clusterId;

    // ---- from DomainAttachRequested
    @Enumerated(EnumType.STRING)
    @Column(name = "connection_type")
    public ConnectionType connectionType;

    @Enumerated(EnumType.STRING)
    @Column(name = "domain_type")
    public DomainType domainType;

    @Column(name = "unique_name")
    public String uniqueName;

    @Column(name = "zone_name")
    public String zoneName;

    @Convert(converter = DomainRecordsJson.class)
    public List<DomainRecord> records;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "create_time")
    public Instant createTime;

    // ---- from DomainDetachRequested
    @Column(name = "detach_requested_at")
    public Instant detachRequestedAt;

    // ---- from the workers' latest report
    @Column(name = "worker_version")
    public long workerVersion = -1;

    @Column(name = "worker_time")
    public Instant workerTime;

    @Column(name = "worker_event_id")
    public String workerEventId;

    @Enumerated(EnumType.STRING)
    @Column(name = "worker_state")
    public DomainState workerState;

    @Convert(converter = DomainsJson.class)
    @Column(name = "worker_domains")
    public List<Domain> workerDomains;

    // ---- from DomainDetached
    @Column(name = "detached_at")
    public Instant detachedAt;

    // ---- derived
    @Enumerated(EnumType.STRING)
    public DomainState state;

    @Convert(converter = DomainsJson.class)
    public List<Domain> domains;
}
