package io.dataflow.privatelink.connection.repository;

import io.dataflow.privatelink.contract.ConnectionSnapshot;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import jakarta.enterprise.context.ApplicationScoped;
import io.dataflow.privatelink.kit.jdbc.Jdbc;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** The connection aggregate table. Writes join the caller's transaction, with the outbox row they cause. */
@ApplicationScoped
public class ConnectionRepository {

    private final DataSource dataSource;

    ConnectionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(ConnectionSnapshot c) {
        try (java.sql.Connection db = dataSource.getConnection();
             PreparedStatement insert = db.prepareStatement("""
                     INSERT INTO connection (connection_id, cluster_id, display_name, type, service_name,
                       service_region, state, message, endpoint_id, az_ids, created_by, create_time, update_time)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, c.connectionId());
            insert.setString(2, c.clusterId());
            insert.setString(3, c.displayName());
            insert.setString(4, c.type().name());
            insert.setString(5, c.serviceName());
            insert.setString(6, c.serviceRegion());
            insert.setString(7, c.state().name());
            insert.setString(8, c.message());
            insert.setString(9, c.endpointId());
            insert.setArray(10, textArray(db, c.azIds()));
            insert.setString(11, c.createdBy());
            insert.setTimestamp(12, Timestamp.from(c.createTime()));
            insert.setTimestamp(13, c.updateTime() == null ? null : Timestamp.from(c.updateTime()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store connection " + c.connectionId(), e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void updateState(ConnectionSnapshot c) {
        try (java.sql.Connection db = dataSource.getConnection();
             PreparedStatement update = db.prepareStatement("""
                     UPDATE connection SET state = ?, message = ?, endpoint_id = ?, az_ids = ?, update_time = ?
                     WHERE connection_id = ?""")) {
            update.setString(1, c.state().name());
            update.setString(2, c.message());
            update.setString(3, c.endpointId());
            update.setArray(4, textArray(db, c.azIds()));
            update.setTimestamp(5, c.updateTime() == null ? null : Timestamp.from(c.updateTime()));
            update.setString(6, c.connectionId());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update connection " + c.connectionId(), e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(String connectionId) {
        try (java.sql.Connection db = dataSource.getConnection();
             PreparedStatement delete = db.prepareStatement("DELETE FROM connection WHERE connection_id = ?")) {
            delete.setString(1, connectionId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete connection " + connectionId, e);
        }
    }

    /** The connection, locked for update when called inside a transaction (commands on it serialise). */
    public Optional<ConnectionSnapshot> findForUpdate(String clusterId, String connectionId) {
        try (java.sql.Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement(
                     "SELECT * FROM connection WHERE cluster_id = ? AND connection_id = ? FOR UPDATE")) {
            select.setString(1, clusterId);
            select.setString(2, connectionId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read connection " + connectionId, e);
        }
    }

    public Optional<ConnectionSnapshot> findById(String connectionId) {
        try (java.sql.Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT * FROM connection WHERE connection_id = ?")) {
            select.setString(1, connectionId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read connection " + connectionId, e);
        }
    }

    private static Array textArray(java.sql.Connection db, List<String> values) throws SQLException {
        return values == null ? null : db.createArrayOf("text", values.toArray());
    }

    private static ConnectionSnapshot read(ResultSet rs) throws SQLException {
        return new ConnectionSnapshot(rs.getString("connection_id"), rs.getString("cluster_id"),
                rs.getString("display_name"), ConnectionType.valueOf(rs.getString("type")),
                rs.getString("service_name"), rs.getString("service_region"),
                ConnectionState.valueOf(rs.getString("state")), rs.getString("message"),
                rs.getString("endpoint_id"),
                Jdbc.textList(rs, "az_ids"), rs.getString("created_by"), Jdbc.instant(rs, "create_time"),
                Jdbc.instant(rs, "update_time"));
    }
}
