package io.dataflow.privatelink.contract.event;

import io.dataflow.privatelink.contract.ConnectionType;

import java.time.Instant;

/** Payload of {@link EventTypes#DOMAIN_DETACH_REQUESTED}: remove the attachment's records and zone. */
public record DomainDetachRequested(
        String attachDomainId,
        String connectionId,
        String clusterId,
        ConnectionType connectionType,
        String requestedBy,
        Instant requestTime,
        /* the producer's version of this record: later versions supersede earlier ones */
        long version) implements EventPayload {

    @Override
    public Object[] requiredFields() {
        return new Object[] {"attachDomainId", attachDomainId, "connectionId", connectionId, "clusterId", clusterId,
                "connectionType", connectionType, "requestTime", requestTime};
    }
}
