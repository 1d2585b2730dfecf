package io.dataflow.privatelink.contract.event;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.FailureReason;

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
        long version,
        /* why, when FAILED (optional: absent from older producers' events) */
        FailureReason failureReason,
        /* when PENDING_ACCEPTANCE: when the endpoint is removed unless the owner accepts it (optional) */
        Instant acceptanceDeadline) implements EventPayload {

    /** A report without a failure reason or deadline (neither FAILED nor waiting for acceptance). */
    public ConnectionStateChanged(String connectionId, String clusterId, ConnectionState state, String message,
                                  String endpointId, List<String> availabilityZoneIds, Instant changeTime, long version) {
        this(connectionId, clusterId, state, message, endpointId, availabilityZoneIds, changeTime, version, null, null);
    }

    @Override
    public Object[] requiredFields() {
        return new Object[] {"connectionId", connectionId, "clusterId", clusterId, "state", state, "changeTime", changeTime};
    }
}
