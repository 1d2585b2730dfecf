package io.dataflow.privatelink.worker.reconcile;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.worker.cloud.CloudLocation;
import io.dataflow.privatelink.worker.cloud.EndpointSpec;

import java.time.Instant;
import java.util.List;

/** A connection's endpoint as the worker has recorded it. */
public record ManagedEndpoint(
        ConnectionRequested request,
        ConnectionState state,
        String message,
        String endpointId,
        List<String> zoneIds,
        boolean deletionRequested,
        Instant acceptDeadline,
        /* null until pre-flight has seen the service */
        Boolean acceptanceRequired,
        /* the trace of the last request about it (W3C traceparent); null: not traced */
        String traceParent) {

    public String connectionId() {
        return request.connectionId();
    }

    public String clusterId() {
        return request.clusterId();
    }

    /** Endpoints live in the cluster's region, whatever region the service is in. */
    public String region() {
        return request.placement().region();
    }

    /** The cluster's platform account and region: where the endpoint lives, and whose credentials reach it. */
    public CloudLocation location() {
        return new CloudLocation(request.placement().accountId(), request.placement().region());
    }

    public ManagedEndpoint withAcceptanceRequired(boolean required) {
        return new ManagedEndpoint(request, state, message, endpointId, zoneIds, deletionRequested, acceptDeadline,
                required, traceParent);
    }

    public EndpointSpec spec() {
        return EndpointSpec.of(request);
    }
}
