package io.dataflow.privatelink.domain.repository;

import io.dataflow.privatelink.contract.ConnectionSnapshot;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.api.StateChange;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import jakarta.enterprise.context.ApplicationScoped;
import io.dataflow.privatelink.kit.jdbc.ConnectionSnapshotRows;
import io.dataflow.privatelink.kit.jdbc.Jdbc;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The connection read model and its history. Projection writes join the consumer's transaction. */
@ApplicationScoped
public class ConnectionViewRepository {

    /** Where a page starts: after this (createTime, connectionId) in the list order. */
    public record PagePosition(Instant createTime, String connectionId) {
    }

    private final DataSource dataSource;

    ConnectionViewRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Fills in what the request says; a state a worker reported first is kept. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void upsertRequested(ConnectionRequested r) {
        update("""
                INSERT INTO connection_view (connection_id, cluster_id, display_name, type, service_name,
                  service_region, state, created_by, create_time, update_time)
                VALUES (?, ?, ?, ?, ?, ?, 'CREATING', ?, ?, ?)
                ON CONFLICT (connection_id) DO UPDATE SET display_name = excluded.display_name,
                  type = excluded.type, service_name = excluded.service_name,
                  service_region = excluded.service_region, created_by = excluded.created_by,
                  create_time = excluded.create_time""",
                r.connectionId(), r.clusterId(), r.displayName(), r.type().name(), r.endpointServiceName(),
                r.endpointServiceRegion(), r.createdBy(), r.createTime(), r.createTime());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void markDeletionRequested(String connectionId, String clusterId, Instant time) {
        update("""
                INSERT INTO connection_view (connection_id, cluster_id, state, deletion_requested, update_time)
                VALUES (?, ?, 'DELETING', TRUE, ?)
                ON CONFLICT (connection_id) DO UPDATE SET state = 'DELETING', deletion_requested = TRUE,
                  message = NULL, update_time = excluded.update_time""",
                connectionId, clusterId, time);
    }

    /**
     * Applies a worker's report. After deletion was requested only DELETING is applied to the state,
     * so a report the worker sent before it saw the deletion cannot bring the connection back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyState(ConnectionStateChanged c) {
        update("""
                INSERT INTO connection_view (connection_id, cluster_id, state, message, endpoint_id, az_ids, update_time)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (connection_id) DO UPDATE SET
                  state = CASE WHEN connection_view.deletion_requested THEN 'DELETING' ELSE excluded.state END,
                  message = CASE WHEN connection_view.deletion_requested THEN NULL ELSE excluded.message END,
                  endpoint_id = COALESCE(excluded.endpoint_id, connection_view.endpoint_id),
                  az_ids = COALESCE(excluded.az_ids, connection_view.az_ids),
                  update_time = excluded.update_time""",
                c.connectionId(), c.clusterId(), c.state().name(), c.message(), c.endpointId(),
                c.availabilityZoneIds(), c.changeTime());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void markDeleted(String connectionId, String clusterId, Instant time) {
        update("""
                INSERT INTO connection_view (connection_id, cluster_id, state, deleted, update_time)
                VALUES (?, ?, 'DELETING', TRUE, ?)
                ON CONFLICT (connection_id) DO UPDATE SET deleted = TRUE, update_time = excluded.update_time""",
                connectionId, clusterId, time);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void appendHistory(String connectionId, ConnectionState state, String message, Instant time) {
        update("INSERT INTO connection_history (connection_id, state, message, change_time) VALUES (?, ?, ?, ?)",
                connectionId, state.name(), message, time);
    }

    /** The connection by id alone, whether live (present) or not shown; and whether it is deleted. */
    public Optional<ConnectionSnapshot> findVisible(String connectionId) {
        return query("SELECT * FROM connection_view WHERE connection_id = ? AND NOT deleted "
                + "AND display_name IS NOT NULL", connectionId).stream().findFirst();
    }

    public boolean isDeleted(String connectionId) {
        return !Jdbc.query(dataSource, rs -> true,
                "SELECT 1 FROM connection_view WHERE connection_id = ? AND deleted", connectionId).isEmpty();
    }

    /** Whether the cluster has (or had, within the retention) this connection; and whether it is deleted. */
    public Optional<Boolean> deletedFlag(String clusterId, String connectionId) {
        return Jdbc.query(dataSource, rs -> rs.getBoolean("deleted"),
                "SELECT deleted FROM connection_view WHERE cluster_id = ? AND connection_id = ?",
                clusterId, connectionId).stream().findFirst();
    }

    /** The connection's state changes, oldest first by when they happened (the two topics may arrive out of step). */
    public List<StateChange> history(String connectionId) {
        return Jdbc.query(dataSource, rs -> new StateChange(ConnectionState.valueOf(rs.getString("state")),
                        rs.getString("message"), Jdbc.instant(rs, "change_time")),
                "SELECT * FROM connection_history WHERE connection_id = ? ORDER BY change_time, seq", connectionId);
    }

    /**
     * Forgets connections deleted before {@code cutoff}: their tombstones (late events can no longer
     * arrive after such a time), their history and their attachments' tombstones. Returns how many.
     */
    @Transactional
    public int purgeDeletedBefore(Instant cutoff) {
        List<String> expired = Jdbc.query(dataSource, rs -> rs.getString(1),
                "SELECT connection_id FROM connection_view WHERE deleted AND update_time < ?", cutoff);
        for (String id : expired) {
            update("DELETE FROM connection_history WHERE connection_id = ?", id);
            update("DELETE FROM attachment_view WHERE connection_id = ?", id);
            update("DELETE FROM connection_view WHERE connection_id = ?", id);
        }
        return expired.size();
    }

    /** A live connection; one whose request has not been projected yet is not shown. */
    public Optional<ConnectionSnapshot> find(String clusterId, String connectionId) {
        List<ConnectionSnapshot> found = query("""
                SELECT * FROM connection_view WHERE cluster_id = ? AND connection_id = ?
                  AND NOT deleted AND display_name IS NOT NULL""", clusterId, connectionId);
        return found.stream().findFirst();
    }

    /** One page of a cluster's live connections in creation order, after {@code after} when given. */
    public List<ConnectionSnapshot> page(String clusterId, ConnectionState state, PagePosition after, int limit) {
        return query("""
                SELECT * FROM connection_view
                WHERE cluster_id = ? AND NOT deleted AND display_name IS NOT NULL
                  AND (?::text IS NULL OR state = ?::text)
                  AND (?::timestamptz IS NULL OR (create_time, connection_id) > (?::timestamptz, ?::text))
                ORDER BY create_time, connection_id
                LIMIT ?""",
                clusterId, stateName(state), stateName(state),
                after == null ? null : after.createTime(), after == null ? null : after.createTime(),
                after == null ? null : after.connectionId(), limit);
    }

    public long count(String clusterId, ConnectionState state) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = Jdbc.prepare(db, """
                     SELECT count(*) FROM connection_view
                     WHERE cluster_id = ? AND NOT deleted AND display_name IS NOT NULL
                       AND (?::text IS NULL OR state = ?::text)""",
                     clusterId, stateName(state), stateName(state));
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count connections of cluster " + clusterId, e);
        }
    }

    private static String stateName(ConnectionState state) {
        return state == null ? null : state.name();
    }

    private void update(String sql, Object... parameters) {
        Jdbc.update(dataSource, sql, parameters);
    }

    private List<ConnectionSnapshot> query(String sql, Object... parameters) {
        return Jdbc.query(dataSource, ConnectionSnapshotRows::read, sql, parameters);
    }
}
