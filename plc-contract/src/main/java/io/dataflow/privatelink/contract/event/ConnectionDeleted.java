package io.dataflow.privatelink.contract.event;

import java.time.Instant;

/** Payload of {@link EventTypes#CONNECTION_DELETED}: the endpoint is gone; the connection no longer exists. */
public record ConnectionDeleted(String connectionId, String clusterId, Instant deleteTime, long version)
        implements EventPayload {

    @Override
    public Object[] requiredFields() {
        return new Object[] {"connectionId", connectionId, "clusterId", clusterId, "deleteTime", deleteTime};
    }
}
