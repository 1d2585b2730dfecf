package io.dataflow.privatelink.kit.jdbc;

import io.dataflow.privatelink.contract.ConnectionSnapshot;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads a {@link ConnectionSnapshot} from a row. connection-service's aggregate table and domain-service's
 * read model name these columns alike, so both map rows the same way.
 */
public final class ConnectionSnapshotRows {

    private ConnectionSnapshotRows() {
    }

    public static ConnectionSnapshot read(ResultSet rs) throws SQLException {
        return new ConnectionSnapshot(rs.getString("connection_id"), rs.getString("cluster_id"),
                rs.getString("display_name"), ConnectionType.valueOf(rs.getString("type")),
                rs.getString("service_name"), rs.getString("service_region"),
                ConnectionState.valueOf(rs.getString("state")), rs.getString("message"),
                rs.getString("endpoint_id"), Jdbc.textList(rs, "az_ids"), rs.getString("created_by"),
                Jdbc.instant(rs, "create_time"), Jdbc.instant(rs, "update_time"));
    }
}
