package io.dataflow.privatelink.contract.event;

import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.domains.DomainState;

import java.time.Instant;
import java.util.List;

/** Payload of {@link EventTypes#DOMAIN_STATE_CHANGED}: the attachment's state and each domain's, as the worker sees them. */
public record DomainStateChanged(
        String attachDomainId,
        String connectionId,
        String clusterId,
        DomainState state,
        List<Domain> domains,
        Instant changeTime,
        /* the producer's version of this record: later versions supersede earlier ones */
        long version) implements EventPayload {

    @Override
    public Object[] requiredFields() {
        return new Object[] {"attachDomainId", attachDomainId, "connectionId", connectionId, "clusterId", clusterId, "state", state,
                "domains", domains, "changeTime", changeTime};
    }
}
