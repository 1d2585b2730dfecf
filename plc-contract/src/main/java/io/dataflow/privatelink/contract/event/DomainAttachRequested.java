package io.dataflow.privatelink.contract.event;

import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.domains.DomainRecord;
import io.dataflow.privatelink.contract.domains.DomainType;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@link EventTypes#DOMAIN_ATTACH_REQUESTED}: make {@code zoneName} a private zone of the
 * platform's network with {@code records}, each pointing at the connection's endpoint.
 */
public record DomainAttachRequested(
        String attachDomainId,
        String connectionId,
        String clusterId,
        ConnectionType connectionType,
        DomainType domainType,
        String uniqueName,
        String zoneName,
        List<DomainRecord> records,
        String createdBy,
        Instant requestTime,
        /* the producer's version of this record: later versions supersede earlier ones */
        long version) implements EventPayload {

    @Override
    public Object[] requiredFields() {
        return new Object[] {"attachDomainId", attachDomainId, "connectionId", connectionId, "clusterId", clusterId,
                "connectionType", connectionType, "domainType", domainType, "uniqueName", uniqueName, "zoneName", zoneName,
                "records", records, "requestTime", requestTime};
    }
}
