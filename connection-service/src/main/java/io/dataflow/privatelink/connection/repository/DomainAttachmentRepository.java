package io.dataflow.privatelink.connection.repository;

import io.dataflow.privatelink.kit.persistence.JsonColumn;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Attachments of domains to connections. Writes join the caller's transaction, with the outbox row they cause. */
@ApplicationScoped
public class DomainAttachmentRepository implements PanacheRepositoryBase<AttachedDomainEntity, String> {

    /**
     * Inserts the attachment unless its zone name is already attached (to any connection); false then.
     * The unique index decides, so two requests racing for one name cannot both win.
     */
    public Uni<Boolean> insertUnlessZoneTaken(AttachedDomainEntity a) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO attached_domain (attach_domain_id, connection_id, cluster_id, connection_type,
                          domain_type, unique_name, zone_name, records, state, domains, created_by, create_time,
                          update_time, worker_version)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 0)
                        ON CONFLICT (zone_name) DO NOTHING""")
                .setParameter(1, a.attachDomainId).setParameter(2, a.connectionId).setParameter(3, a.clusterId)
                .setParameter(4, a.connectionType.name()).setParameter(5, a.domainType.name())
                .setParameter(6, a.uniqueName).setParameter(7, a.zoneName)
                .setParameter(8, JsonColumn.write(a.records))
                .setParameter(9, a.state.name())
                .setParameter(10, JsonColumn.write(a.domains))
                .setParameter(11, a.createdBy).setParameter(12, a.createTime).setParameter(13, a.updateTime)
                .executeUpdate()).map(rows -> rows == 1);
    }

    public Uni<AttachedDomainEntity> findByZone(String zoneName) {
        return find("zoneName", zoneName).firstResult();
    }

    public Uni<List<AttachedDomainEntity>> findByConnection(String connectionId) {
        return list("connectionId = ?1 order by createTime, attachDomainId", connectionId);
    }
}
