package io.dataflow.privatelink.worker.repository;

import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.kit.persistence.DomainsJson;
import io.dataflow.privatelink.worker.reconcile.ManagedDomain;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/**
 * A private DNS zone the worker manages, one per attachment (table {@code managed_domain}). The zone is
 * found again by its name and the attachment id it was created with, so a crash between "create" and
 * "record" never leaves a second zone.
 */
@Entity
@Table(name = "managed_domain")
public class ManagedDomainEntity {

    @Id
    @Column(name = "attach_domain_id")
    public String attachDomainId;

    @Column(name = "connection_id")
    public String connectionId;

    @Convert(converter = PayloadJson.DomainAttachRequestedJson.class)
    public DomainAttachRequested request;

    /** The platform network's region and VPC the zone is bound to. */
    public String region;

    @Column(name = "vpc_id")
    public String vpcId;

    @Enumerated(EnumType.STRING)
    public DomainState state;

    @Convert(converter = DomainsJson.class)
    public List<Domain> domains;

    /** Null until the zone is known to exist. */
    @Column(name = "zone_id")
    public String zoneId;

    @Column(name = "detach_requested")
    public boolean detachRequested;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** One more with every recorded outcome; the reports carry it. */
    public long version;

    public ManagedDomain toManaged() {
        return new ManagedDomain(request, region, vpcId, state, domains, zoneId, detachRequested);
    }
}
