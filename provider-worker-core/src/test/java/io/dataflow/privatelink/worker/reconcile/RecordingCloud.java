package io.dataflow.privatelink.worker.reconcile;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.cloud.EndpointCloud;
import io.dataflow.privatelink.worker.cloud.EndpointServiceView;
import io.dataflow.privatelink.worker.cloud.EndpointSpec;
import io.dataflow.privatelink.worker.cloud.EndpointView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A scripted cloud for reconcile tests: it answers what the case sets up and records what it was asked. */
final class RecordingCloud implements EndpointCloud {

    EndpointServiceView service;
    final Map<String, EndpointView> endpointsByConnection = new LinkedHashMap<>();
    CloudException failNextCall;
    CloudException failCreate;
    final List<String> calls = new ArrayList<>();
    private int nextId = 1;

    @Override
    public CloudProvider provider() {
        return CloudProvider.AWS;
    }

    @Override
    public String allowListInstruction(String platformAccountId, String serviceName) {
        return "Allow arn:aws:iam::" + platformAccountId + ":root.";
    }

    @Override
    public Optional<EndpointServiceView> observeService(EndpointSpec spec) {
        record("observeService");
        return Optional.ofNullable(service);
    }

    @Override
    public Optional<EndpointView> findEndpoint(EndpointSpec spec) {
        record("findEndpoint");
        return Optional.ofNullable(endpointsByConnection.get(spec.connectionId()));
    }

    @Override
    public EndpointView createEndpoint(EndpointSpec spec, List<String> zoneIds) {
        record("createEndpoint " + zoneIds);
        if (failCreate != null) {
            throw failCreate;
        }
        // Like AWS: a new endpoint is pendingAcceptance, or pending where the service accepts by itself.
        EndpointView view = new EndpointView("vpce-" + nextId++, spec.connectionId(),
                io.dataflow.privatelink.contract.ConnectionState.PENDING_ACCEPTANCE,
                service.acceptanceRequired() ? "pendingAcceptance" : "pending", null, zoneIds);
        endpointsByConnection.put(spec.connectionId(), view);
        return view;
    }

    @Override
    public List<EndpointView> observeManagedEndpoints(io.dataflow.privatelink.worker.cloud.CloudLocation location) {
        record("observeManagedEndpoints " + location.region());
        return List.copyOf(endpointsByConnection.values());
    }

    @Override
    public void deleteEndpoint(io.dataflow.privatelink.worker.cloud.CloudLocation location, String endpointId) {
        record("deleteEndpoint " + endpointId);
    }

    @Override
    public java.util.Optional<java.time.Duration> createPace(io.dataflow.privatelink.worker.cloud.CloudLocation location) {
        return java.util.Optional.empty();
    }

    private void record(String call) {
        calls.add(call);
        if (failNextCall != null) {
            CloudException failure = failNextCall;
            failNextCall = null;
            throw failure;
        }
    }
}
