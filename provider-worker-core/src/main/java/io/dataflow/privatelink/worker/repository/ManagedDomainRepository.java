package io.dataflow.privatelink.worker.repository;

import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.kit.jdbc.DomainAttachmentRows;
import io.dataflow.privatelink.kit.jdbc.Jdbc;
import io.dataflow.privatelink.worker.reconcile.DomainOutcome;
import io.dataflow.privatelink.worker.reconcile.ManagedDomain;
import io.dataflow.privatelink.worker.reconcile.Outcome;
import io.dataflow.privatelink.contract.api.Domain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The worker's record of the private zones it manages, one per attachment. */
@ApplicationScoped
public class ManagedDomainRepository {

    private final DataSource dataSource;

    ManagedDomainRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records an attachment to realise in the given network; a redelivered request changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertRequested(DomainAttachRequested request, String region, String vpcId, List<Domain> domains,
                                Instant now) {
        Jdbc.update(dataSource, """
                        INSERT INTO managed_domain (attach_domain_id, connection_id, request, region, vpc_id, state,
                          domains, updated_at)
                        VALUES (?, ?, ?, ?, ?, 'CREATING', ?, ?) ON CONFLICT (attach_domain_id) DO NOTHING""",
                request.attachDomainId(), request.connectionId(), EventJson.write(request), region, vpcId,
                DomainAttachmentRows.json(domains), now);
    }

    /** Marks one attachment for removal; false when the worker does not know it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markDetachRequested(String attachDomainId, Instant now) {
        return Jdbc.update(dataSource, "UPDATE managed_domain SET detach_requested = TRUE, updated_at = ? "
                + "WHERE attach_domain_id = ?", now, attachDomainId) == 1;
    }

    /** Marks every attachment of a connection for removal: its domains go before its endpoint. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markConnectionDetaching(String connectionId, Instant now) {
        Jdbc.update(dataSource, "UPDATE managed_domain SET detach_requested = TRUE, updated_at = ? "
                + "WHERE connection_id = ?", now, connectionId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(DomainOutcome outcome, Instant now) {
        if (outcome.kind() == Outcome.Kind.REMOVED) {
            Jdbc.update(dataSource, "DELETE FROM managed_domain WHERE attach_domain_id = ?",
                    outcome.domain().attachDomainId());
            return;
        }
        Jdbc.update(dataSource, """
                        UPDATE managed_domain SET state = ?, domains = ?, zone_id = ?, updated_at = ?
                        WHERE attach_domain_id = ?""",
                outcome.state().name(), DomainAttachmentRows.json(outcome.domains()), outcome.zoneId(), now,
                outcome.domain().attachDomainId());
    }

    /** Attachments whose zone and records are still to be made. */
    public List<ManagedDomain> awaitingAttach() {
        return query("SELECT * FROM managed_domain WHERE state = 'CREATING' AND NOT detach_requested "
                + "ORDER BY updated_at");
    }

    /** Attachments to remove. */
    public List<ManagedDomain> awaitingDetach() {
        return query("SELECT * FROM managed_domain WHERE detach_requested ORDER BY updated_at");
    }

    private List<ManagedDomain> query(String sql, Object... parameters) {
        return Jdbc.query(dataSource, ManagedDomainRepository::read, sql, parameters);
    }

    private static ManagedDomain read(ResultSet rs) throws SQLException {
        return new ManagedDomain(EventJson.read(rs.getString("request"), DomainAttachRequested.class),
                rs.getString("region"), rs.getString("vpc_id"), DomainState.valueOf(rs.getString("state")),
                DomainAttachmentRows.domains(rs.getString("domains")), rs.getString("zone_id"),
                rs.getBoolean("detach_requested"));
    }
}
