package io.dataflow.privatelink.contract.event;

import io.dataflow.privatelink.contract.ConnectionType;

import java.time.Instant;

/** Payload of {@link EventTypes#CONNECTION_DELETION_REQUESTED}. */
public record ConnectionDeletionRequested(
        String connectionId,
        String clusterId,
        ConnectionType type,
        String requestedBy,
        Instant requestTime,
        /* the producer's version of this record: later versions supersede earlier ones */
        long version) implements EventPayload {

    @Override
    public Object[] requiredFields() {
        return new Object[] {"connectionId", connectionId, "clusterId", clusterId, "type", type, "requestTime", requestTime};
    }
}
