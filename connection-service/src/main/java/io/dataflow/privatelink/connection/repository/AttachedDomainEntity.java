package io.dataflow.privatelink.connection.repository;

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

/** A domain attached to a connection (table {@code attached_domain}); a unique name serves one at a time. */
@Entity
@Table(name = "attached_domain")
public class AttachedDomainEntity {

    @Id
    @Column(name = "attach_domain_id")
    public String attachDomainId;

    @Column(name = "connection_id")
    public String connectionId;

    @Column(name = "cluster_id")
    public String clusterId;

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

    @Enumerated(EnumType.STRING)
    public DomainState state;

    @Convert(converter = DomainsJson.class)
    public List<Domain> domains;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "create_time")
    public Instant createTime;

    @Column(name = "update_time")
    public Instant updateTime;

    /** The stamp of the latest worker report taken (version, time, event id); see {@code ReportStamp}. */
    @Column(name = "worker_version")
    public long workerVersion;

    @Column(name = "worker_time")
    public Instant workerTime;

    @Column(name = "worker_event_id")
    public String workerEventId;
}
