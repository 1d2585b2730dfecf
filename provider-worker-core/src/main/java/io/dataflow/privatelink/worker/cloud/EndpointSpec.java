package io.dataflow.privatelink.worker.cloud;

import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionRequested;

/** What the connection asks the cloud for: its endpoint to a service, from the cluster's network. */
public record EndpointSpec(String connectionId, String serviceName, String serviceRegion, ClusterPlacement placement) {

    public static EndpointSpec of(ConnectionRequested requested) {
        return new EndpointSpec(requested.connectionId(), requested.endpointServiceName(),
                requested.endpointServiceRegion(), requested.placement());
    }

    /** Idempotency token for the create call, stable across retries and restarts. */
    public String clientToken() {
        return ConnectionIds.clientToken(connectionId);
    }
}
