package io.dataflow.privatelink.connection.mapping;

import io.dataflow.privatelink.connection.repository.ConnectionEntity;
import io.dataflow.privatelink.contract.ConnectionSnapshot;

/** Connection rows to {@link ConnectionSnapshot} (the shape the API and the events share) and back. */
public final class ConnectionMapper {

    private ConnectionMapper() {
    }

    public static ConnectionSnapshot toSnapshot(ConnectionEntity row) {
        return new ConnectionSnapshot(row.connectionId, row.clusterId, row.displayName, row.type, row.serviceName,
                row.serviceRegion, row.state, row.message, row.endpointId, row.azIds, row.createdBy, row.createTime,
                row.updateTime);
    }

    /** A new row for a connection just accepted (version 1). */
    public static ConnectionEntity newRow(ConnectionSnapshot c) {
        ConnectionEntity row = new ConnectionEntity();
        row.connectionId = c.connectionId();
        row.clusterId = c.clusterId();
        row.displayName = c.displayName();
        row.type = c.type();
        row.serviceName = c.serviceName();
        row.serviceRegion = c.serviceRegion();
        row.state = c.state();
        row.message = c.message();
        row.endpointId = c.endpointId();
        row.azIds = c.azIds();
        row.createdBy = c.createdBy();
        row.createTime = c.createTime();
        row.updateTime = c.updateTime();
        row.version = 1;
        return row;
    }
}
