package io.dataflow.privatelink.contract.event;

import io.dataflow.privatelink.contract.ConnectionState;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@link EventTypes#CONNECTION_STATE_CHANGED}: the connection's state as the worker now
 * sees it, with the cloud's endpoint id and zones once known and a reason when FAILED.
 */
public record ConnectionStateChanged(
        String connectionId,
        String clusterId,
        ConnectionState state,
        String message,
        String endpointId,
        List<String> availabilityZoneIds,
        Instant changeTime,
        /* the producer's version of this record: later versions supersede earlier ones */
        long version) implements EventPayload {

    @Override
    public Object[] requiredFields() {
        return new Object[] {"connectionId", connectionId, "clusterId", clusterId, "state", state, "changeTime", changeTime};
    }
}
