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
        Instant requestTime) {
}
