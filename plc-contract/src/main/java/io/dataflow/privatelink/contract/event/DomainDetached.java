package io.dataflow.privatelink.contract.event;

import java.time.Instant;

/** Payload of {@link EventTypes#DOMAIN_DETACHED}: records and zone are gone; the attachment no longer exists. */
public record DomainDetached(String attachDomainId, String connectionId, String clusterId, Instant detachTime,
                             long version) implements EventPayload {

    @Override
    public Object[] requiredFields() {
        return new Object[] {"attachDomainId", attachDomainId, "connectionId", connectionId, "clusterId", clusterId, "detachTime", detachTime};
    }
}
