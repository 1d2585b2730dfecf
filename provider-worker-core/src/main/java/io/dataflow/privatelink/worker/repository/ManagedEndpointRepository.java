package io.dataflow.privatelink.worker.repository;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.worker.reconcile.ManagedEndpoint;
import io.dataflow.privatelink.worker.reconcile.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import io.dataflow.privatelink.kit.jdbc.Jdbc;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The worker's record of the endpoints it manages. */
@ApplicationScoped
public class ManagedEndpointRepository {

    private final DataSource dataSource;

    ManagedEndpointRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a new connection to provision; a redelivered request changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertRequested(ConnectionRequested request, Instant acceptDeadline, Instant now) {
        update("""
                INSERT INTO managed_endpoint (connection_id, cluster_id, request, state, accept_deadline, updated_at)
                VALUES (?, ?, ?, 'CREATING', ?, ?) ON CONFLICT (connection_id) DO NOTHING""",
                request.connectionId(), request.clusterId(), EventJson.write(request), acceptDeadline, now);
    }

    /** Marks the connection for deletion; false when the worker does not know it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markDeletionRequested(String connectionId, Instant now) {
        return update("UPDATE managed_endpoint SET deletion_requested = TRUE, updated_at = ? WHERE connection_id = ?",
                now, connectionId) == 1;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Outcome outcome, Instant now) {
        if (outcome.kind() == Outcome.Kind.REMOVED) {
            update("DELETE FROM managed_endpoint WHERE connection_id = ?", outcome.connectionId());
            return;
        }
        update("""
                UPDATE managed_endpoint SET state = ?, message = ?, endpoint_id = ?, az_ids = ?, updated_at = ?,
                  acceptance_required = COALESCE(?, acceptance_required)
                WHERE connection_id = ?""",
                outcome.state().name(), outcome.message(), outcome.endpointId(), outcome.zoneIds(), now,
                outcome.acceptanceRequired(), outcome.connectionId());
    }

    public Optional<ManagedEndpoint> find(String connectionId) {
        return query("SELECT * FROM managed_endpoint WHERE connection_id = ?", connectionId).stream().findFirst();
    }

    /** Connections whose endpoint is still to be created. */
    public List<ManagedEndpoint> awaitingProvision() {
        return query("""
                SELECT * FROM managed_endpoint
                WHERE endpoint_id IS NULL AND state = 'CREATING' AND NOT deletion_requested
                ORDER BY updated_at""");
    }

    /**
     * Connections the user asked to delete whose endpoint deletion has not been started, once their
     * domains are gone (names must never point at an endpoint that no longer exists).
     */
    public List<ManagedEndpoint> awaitingDeprovision() {
        return query("""
                SELECT * FROM managed_endpoint WHERE deletion_requested AND state <> 'DELETING'
                  AND NOT EXISTS (SELECT 1 FROM managed_domain d WHERE d.connection_id = managed_endpoint.connection_id)
                ORDER BY updated_at""");
    }

    /** Connections with an endpoint to watch, in every region. */
    public List<ManagedEndpoint> watched() {
        return query("SELECT * FROM managed_endpoint WHERE endpoint_id IS NOT NULL ORDER BY connection_id");
    }

    /** Every connection the worker knows, in any state: endpoints tagged with any other id are orphans. */
    public Set<String> knownConnectionIds() {
        return Set.copyOf(Jdbc.query(dataSource, rs -> rs.getString(1), "SELECT connection_id FROM managed_endpoint"));
    }

    private int update(String sql, Object... parameters) {
        return Jdbc.update(dataSource, sql, parameters);
    }

    private List<ManagedEndpoint> query(String sql, Object... parameters) {
        return Jdbc.query(dataSource, ManagedEndpointRepository::read, sql, parameters);
    }

    private static ManagedEndpoint read(ResultSet rs) throws SQLException {
        return new ManagedEndpoint(EventJson.read(rs.getString("request"), ConnectionRequested.class),
                ConnectionState.valueOf(rs.getString("state")), rs.getString("message"),
                rs.getString("endpoint_id"),
                Jdbc.textList(rs, "az_ids"), rs.getBoolean("deletion_requested"),
                Jdbc.instant(rs, "accept_deadline"), rs.getObject("acceptance_required", Boolean.class));
    }
}
