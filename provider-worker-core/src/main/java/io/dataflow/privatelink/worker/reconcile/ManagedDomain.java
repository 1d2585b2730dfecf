package io.dataflow.privatelink.worker.reconcile;

import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.worker.cloud.CloudLocation;
import io.dataflow.privatelink.worker.cloud.ZoneSpec;

import java.util.List;

/** An attachment's private zone as the worker has recorded it. */
public record ManagedDomain(
        DomainAttachRequested request,
        /* the platform account of the connection's cluster (older rows: its endpoint's, filled by migration) */
        String accountId,
        String region,
        String vpcId,
        DomainState state,
        List<Domain> domains,
        /* null until the zone is known to exist */
        String zoneId,
        boolean detachRequested,
        /* the trace of the last request about it (W3C traceparent); null: not traced */
        String traceParent) {

    public String attachDomainId() {
        return request.attachDomainId();
    }

    public String connectionId() {
        return request.connectionId();
    }

    public ZoneSpec zone() {
        return new ZoneSpec(request.attachDomainId(), request.zoneName(), new CloudLocation(accountId, region), vpcId);
    }
}
