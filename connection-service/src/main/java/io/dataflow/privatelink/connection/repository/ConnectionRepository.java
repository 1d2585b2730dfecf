package io.dataflow.privatelink.connection.repository;

import io.dataflow.privatelink.contract.ConnectionSnapshot;
import io.dataflow.privatelink.kit.jdbc.ConnectionSnapshotRows;
import io.dataflow.privatelink.kit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
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
        Jdbc.update(dataSource, """
                        INSERT INTO connection (connection_id, cluster_id, display_name, type, service_name,
                          service_region, state, message, endpoint_id, az_ids, created_by, create_time, update_time)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                c.connectionId(), c.clusterId(), c.displayName(), c.type().name(), c.serviceName(),
                c.serviceRegion(), c.state().name(), c.message(), c.endpointId(), c.azIds(), c.createdBy(),
                c.createTime(), c.updateTime());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void updateState(ConnectionSnapshot c) {
        Jdbc.update(dataSource, """
                        UPDATE connection SET state = ?, message = ?, endpoint_id = ?, az_ids = ?, update_time = ?
                        WHERE connection_id = ?""",
                c.state().name(), c.message(), c.endpointId(), c.azIds(), c.updateTime(), c.connectionId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(String connectionId) {
        Jdbc.update(dataSource, "DELETE FROM connection WHERE connection_id = ?", connectionId);
    }

    /** The connection, locked for update when called inside a transaction (commands on it serialise). */
    public Optional<ConnectionSnapshot> findForUpdate(String clusterId, String connectionId) {
        return Jdbc.query(dataSource, ConnectionSnapshotRows::read,
                "SELECT * FROM connection WHERE cluster_id = ? AND connection_id = ? FOR UPDATE",
                clusterId, connectionId).stream().findFirst();
    }

    public Optional<ConnectionSnapshot> findById(String connectionId) {
        return Jdbc.query(dataSource, ConnectionSnapshotRows::read,
                "SELECT * FROM connection WHERE connection_id = ?", connectionId).stream().findFirst();
    }
}
