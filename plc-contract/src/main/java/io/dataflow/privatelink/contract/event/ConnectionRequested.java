package io.dataflow.privatelink.contract.event;

import io.dataflow.privatelink.contract.ConnectionType;

import java.time.Instant;

/** Payload of {@link EventTypes#CONNECTION_REQUESTED}. */
public record ConnectionRequested(
        String connectionId,
        String clusterId,
        String displayName,
        ConnectionType type,
        String endpointServiceName,
        /* the region of the endpoint service; the cluster's region when the caller gave none */
        String endpointServiceRegion,
        String createdBy,
        Instant createTime,
        ClusterPlacement placement,
        /* the producer's version of this record: later versions supersede earlier ones */
        long version) implements EventPayload {

    @Override
    public Object[] requiredFields() {
        return new Object[] {"connectionId", connectionId, "clusterId", clusterId, "displayName", displayName, "type", type,
                "endpointServiceName", endpointServiceName, "endpointServiceRegion", endpointServiceRegion,
                "createTime", createTime, "placement", placement};
    }
}
