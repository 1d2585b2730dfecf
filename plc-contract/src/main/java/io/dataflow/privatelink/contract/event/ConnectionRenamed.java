package io.dataflow.privatelink.contract.event;

import io.dataflow.privatelink.contract.ConnectionType;

import java.time.Instant;

/**
 * Payload of {@link EventTypes#CONNECTION_RENAMED}: the connection's display name is now {@code displayName}.
 * Readers keep the name of the highest {@code version} (the connection's command count), whatever order the
 * request and its renames reach them in.
 */
public record ConnectionRenamed(
        String connectionId,
        String clusterId,
        ConnectionType type,
        String displayName,
        String renamedBy,
        Instant renameTime,
        /* the producer's version of this record: later versions supersede earlier ones */
        long version) implements EventPayload {

    @Override
    public Object[] requiredFields() {
        return new Object[] {"connectionId", connectionId, "clusterId", clusterId, "type", type,
                "displayName", displayName, "renameTime", renameTime};
    }
}
