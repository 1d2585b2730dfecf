package io.dataflow.privatelink.domain.repository;

import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.contract.event.DomainStateChanged;
import io.dataflow.privatelink.contract.domains.DomainRecord;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.kit.jdbc.DomainAttachmentRows;
import io.dataflow.privatelink.kit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The attached-domain read model and the host routing table. Projection writes join the consumer's transaction. */
@ApplicationScoped
public class AttachmentViewRepository {

    /** One row of the routing table, with what a dataflow service needs to decide whether to use it. */
    public record Route(String name, String attachDomainId, String connectionId, String clusterId) {
    }

    private final DataSource dataSource;

    AttachmentViewRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Fills in the request; a state a worker reported first, a detach or a tombstone are kept. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void upsertRequested(DomainAttachRequested r, List<Domain> domains) {
        Jdbc.update(dataSource, """
                        INSERT INTO attachment_view (attach_domain_id, connection_id, cluster_id, connection_type,
                          domain_type, unique_name, zone_name, records, state, domains, created_by, create_time,
                          update_time)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'CREATING', ?, ?, ?, ?)
                        ON CONFLICT (attach_domain_id) DO UPDATE SET connection_type = excluded.connection_type,
                          domain_type = excluded.domain_type, unique_name = excluded.unique_name,
                          zone_name = excluded.zone_name, records = excluded.records,
                          domains = COALESCE(attachment_view.domains, excluded.domains),
                          created_by = excluded.created_by, create_time = excluded.create_time""",
                r.attachDomainId(), r.connectionId(), r.clusterId(), r.connectionType().name(), r.domainType().name(),
                r.uniqueName(), r.zoneName(), DomainAttachmentRows.json(r.records()), DomainAttachmentRows.json(domains),
                r.createdBy(), r.requestTime(), r.requestTime());
        for (DomainRecord record : r.records()) {
            Jdbc.update(dataSource, """
                            INSERT INTO domain_route (name, attach_domain_id, connection_id, cluster_id)
                            SELECT ?, ?, ?, ? WHERE NOT EXISTS
                              (SELECT 1 FROM attachment_view WHERE attach_domain_id = ? AND deleted)
                            ON CONFLICT (name) DO UPDATE SET attach_domain_id = excluded.attach_domain_id,
                              connection_id = excluded.connection_id, cluster_id = excluded.cluster_id""",
                    record.name(), r.attachDomainId(), r.connectionId(), r.clusterId(), r.attachDomainId());
        }
        if (!Jdbc.query(dataSource, rs -> true, "SELECT 1 FROM attachment_view WHERE attach_domain_id = ? "
                + "AND detach_requested", r.attachDomainId()).isEmpty()) {
            relabelDomains(r.attachDomainId(), DomainState.DELETING);
        }
    }

    /** Applies a worker's report; after a detach was asked only the detach's own progress shows. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyState(DomainStateChanged c) {
        Jdbc.update(dataSource, """
                        INSERT INTO attachment_view (attach_domain_id, connection_id, cluster_id, state, domains,
                          update_time)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (attach_domain_id) DO UPDATE SET
                          state = CASE WHEN attachment_view.detach_requested THEN 'DELETING' ELSE excluded.state END,
                          domains = CASE WHEN attachment_view.detach_requested THEN attachment_view.domains
                                    ELSE excluded.domains END,
                          update_time = excluded.update_time""",
                c.attachDomainId(), c.connectionId(), c.clusterId(), c.state().name(),
                DomainAttachmentRows.json(c.domains()), c.changeTime());
    }

    /** The user asked to detach: DELETING from now on, whatever a worker reports meanwhile. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markDetachRequested(String attachDomainId, String connectionId, String clusterId, Instant time) {
        Jdbc.update(dataSource, """
                        INSERT INTO attachment_view (attach_domain_id, connection_id, cluster_id, state,
                          detach_requested, update_time)
                        VALUES (?, ?, ?, 'DELETING', TRUE, ?)
                        ON CONFLICT (attach_domain_id) DO UPDATE SET state = 'DELETING', detach_requested = TRUE,
                          update_time = excluded.update_time""",
                attachDomainId, connectionId, clusterId, time);
        relabelDomains(attachDomainId, DomainState.DELETING);
    }

    /** The connection's deletion was asked: its domains go first, so all of them are DELETING. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markConnectionDetaching(String connectionId, String clusterId, Instant time) {
        List<String> ids = Jdbc.query(dataSource, rs -> rs.getString(1),
                "SELECT attach_domain_id FROM attachment_view WHERE connection_id = ? AND NOT deleted", connectionId);
        ids.forEach(id -> markDetachRequested(id, connectionId, clusterId, time));
    }

    private void relabelDomains(String attachDomainId, DomainState state) {
        List<String> json = Jdbc.query(dataSource, rs -> rs.getString(1),
                "SELECT domains FROM attachment_view WHERE attach_domain_id = ? AND domains IS NOT NULL",
                attachDomainId);
        if (!json.isEmpty()) {
            List<Domain> relabelled = DomainAttachmentRows.domains(json.get(0)).stream()
                    .map(d -> new Domain(d.name(), state.name(), null)).toList();
            Jdbc.update(dataSource, "UPDATE attachment_view SET domains = ? WHERE attach_domain_id = ?",
                    DomainAttachmentRows.json(relabelled), attachDomainId);
        }
    }

    /** The attachment is gone: a tombstone stays, its routes go. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markDetached(String attachDomainId, String connectionId, String clusterId, Instant time) {
        Jdbc.update(dataSource, """
                        INSERT INTO attachment_view (attach_domain_id, connection_id, cluster_id, state, deleted,
                          update_time)
                        VALUES (?, ?, ?, 'DELETING', TRUE, ?)
                        ON CONFLICT (attach_domain_id) DO UPDATE SET deleted = TRUE,
                          update_time = excluded.update_time""",
                attachDomainId, connectionId, clusterId, time);
        Jdbc.update(dataSource, "DELETE FROM domain_route WHERE attach_domain_id = ?", attachDomainId);
    }

    /** The connection is gone, and with it whatever attachments it still had. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markConnectionDeleted(String connectionId, Instant time) {
        Jdbc.update(dataSource, "UPDATE attachment_view SET deleted = TRUE, update_time = ? WHERE connection_id = ?",
                time, connectionId);
        Jdbc.update(dataSource, "DELETE FROM domain_route WHERE connection_id = ?", connectionId);
    }

    /** A connection's live attachments whose request has been projected, oldest first. */
    public List<DomainAttachment> findByConnection(String connectionId) {
        return query("SELECT * FROM attachment_view WHERE connection_id = ? AND NOT deleted "
                + "AND zone_name IS NOT NULL ORDER BY create_time, attach_domain_id", connectionId);
    }

    public Optional<DomainAttachment> find(String attachDomainId) {
        return query("SELECT * FROM attachment_view WHERE attach_domain_id = ? AND NOT deleted "
                + "AND zone_name IS NOT NULL", attachDomainId).stream().findFirst();
    }

    /** Of the given names, the routes that exist. */
    public List<Route> routes(List<String> names) {
        return Jdbc.query(dataSource, rs -> new Route(rs.getString("name"), rs.getString("attach_domain_id"),
                        rs.getString("connection_id"), rs.getString("cluster_id")),
                "SELECT * FROM domain_route WHERE name = ANY (?)", names);
    }

    private List<DomainAttachment> query(String sql, Object... parameters) {
        return Jdbc.query(dataSource, DomainAttachmentRows::read, sql, parameters);
    }
}
