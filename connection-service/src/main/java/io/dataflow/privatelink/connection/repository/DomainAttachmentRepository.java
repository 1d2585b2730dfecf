package io.dataflow.privatelink.connection.repository;

import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.kit.jdbc.DomainAttachmentRows;
import io.dataflow.privatelink.kit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

/** Attachments of domains to connections. Writes join the caller's transaction, with the outbox row they cause. */
@ApplicationScoped
public class DomainAttachmentRepository {

    private final DataSource dataSource;

    DomainAttachmentRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts the attachment; false when its zone name is already attached (to any connection). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean insert(DomainAttachment a) {
        return Jdbc.update(dataSource, """
                        INSERT INTO attached_domain (attach_domain_id, connection_id, cluster_id, connection_type,
                          domain_type, unique_name, zone_name, records, state, domains, created_by, create_time,
                          update_time)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (zone_name) DO NOTHING""",
                a.attachDomainId(), a.connectionId(), a.clusterId(), a.connectionType().name(),
                a.domainType().name(), a.uniqueName(), a.zoneName(), DomainAttachmentRows.json(a.records()),
                a.state().name(), DomainAttachmentRows.json(a.domains()), a.createdBy(), a.createTime(),
                a.updateTime()) == 1;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void updateState(DomainAttachment a) {
        Jdbc.update(dataSource, "UPDATE attached_domain SET state = ?, domains = ?, update_time = ? "
                        + "WHERE attach_domain_id = ?",
                a.state().name(), DomainAttachmentRows.json(a.domains()), a.updateTime(), a.attachDomainId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(String attachDomainId) {
        Jdbc.update(dataSource, "DELETE FROM attached_domain WHERE attach_domain_id = ?", attachDomainId);
    }

    public Optional<DomainAttachment> findByZone(String zoneName) {
        return Jdbc.query(dataSource, DomainAttachmentRows::read,
                "SELECT * FROM attached_domain WHERE zone_name = ?", zoneName).stream().findFirst();
    }

    public Optional<DomainAttachment> findById(String attachDomainId) {
        return Jdbc.query(dataSource, DomainAttachmentRows::read,
                "SELECT * FROM attached_domain WHERE attach_domain_id = ?", attachDomainId).stream().findFirst();
    }

    public List<DomainAttachment> findByConnection(String connectionId) {
        return Jdbc.query(dataSource, DomainAttachmentRows::read,
                "SELECT * FROM attached_domain WHERE connection_id = ? ORDER BY create_time, attach_domain_id",
                connectionId);
    }
}
