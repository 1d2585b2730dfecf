package io.dataflow.privatelink.worker.alicloud;

import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointRequest;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointResponse;
import com.aliyuncs.privatelink.model.v20200415.DeleteVpcEndpointRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointServicesByEndUserRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointServicesByEndUserResponse;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsResponse;
import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.EndpointServiceNames;
import io.dataflow.privatelink.contract.timing.TokenBucket;
import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.cloud.CloudLocation;
import io.dataflow.privatelink.worker.cloud.EndpointCloud;
import io.dataflow.privatelink.worker.cloud.EndpointServiceView;
import io.dataflow.privatelink.worker.cloud.EndpointSpec;
import io.dataflow.privatelink.worker.cloud.EndpointView;
import io.dataflow.privatelink.worker.ownership.DeploymentIdentity;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link EndpointCloud} on Alibaba Cloud PrivateLink. SDK 1.0.7 (the newest {@code aliyun-java-sdk-privatelink}
 * on Maven Central) cannot tag endpoints, so an endpoint is tied to its connection by name (the connection
 * id) and a description marker with this deployment's identity
 * ({@link DeploymentIdentity#endpointMarker}): endpoints without this deployment's marker, other systems' and
 * other deployments' alike, map to no connection and are never adopted or swept.
 */
@ApplicationScoped
public class AlicloudEndpointCloud implements EndpointCloud {

    private final PrivateLinkClient client;
    private final AlicloudConfig config;
    /** One bucket per account and region: PrivateLink's flow control counts per region, so a spent one stops no other. */
    private final Map<CloudLocation, TokenBucket> mutations = new ConcurrentHashMap<>();
    private final DeploymentIdentity deployment;

    private final io.dataflow.privatelink.worker.metrics.CloudCallMetrics metrics;

    AlicloudEndpointCloud(PrivateLinkClient client, AlicloudConfig config, DeploymentIdentity deployment,
                          io.dataflow.privatelink.worker.metrics.CloudCallMetrics metrics) {
        this.metrics = metrics;
        this.client = client;
        this.config = config;
        this.deployment = deployment;
    }

    @Override
    public CloudProvider provider() {
        return CloudProvider.ALICLOUD;
    }

    @Override
    public String allowListInstruction(String platformAccountId, String serviceName) {
        return "Check the service name, and ask its owner to add the platform account " + platformAccountId
                + " to the endpoint service's whitelist (AddUserToVpcEndpointService).";
    }

    @Override
    public Optional<EndpointServiceView> observeService(EndpointSpec spec) {
        ListVpcEndpointServicesByEndUserRequest request = new ListVpcEndpointServicesByEndUserRequest();
        request.setSysRegionId(spec.placement().region());
        request.setServiceName(spec.serviceName());
        ListVpcEndpointServicesByEndUserResponse response;
        try {
            response = client.call(spec.placement().region(), request);
        } catch (CloudException e) {
            if ("EndpointServiceNotFound".equals(e.errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
        return response.getServices().stream()
                .filter(service -> spec.serviceName().equals(service.getServiceName()))
                .findFirst()
                // The SDK's model does not say whether the owner must accept: assume it must, as the
                // watch then reports Pending/Connecting truthfully either way.
                .map(service -> new EndpointServiceView(service.getServiceName(),
                        EndpointServiceNames.regionOf(ConnectionType.ALICLOUD_ENDPOINT_SERVICE, service.getServiceName())
                                .orElse(spec.serviceRegion()),
                        service.getZones(), true));
    }

    @Override
    public Optional<EndpointView> findEndpoint(EndpointSpec spec) {
        ListVpcEndpointsRequest request = new ListVpcEndpointsRequest();
        request.setSysRegionId(spec.placement().region());
        request.setEndpointName(spec.connectionId());
        ListVpcEndpointsResponse response = client.call(spec.placement().region(), request);
        return response.getEndpoints().stream()
                .map(endpoint -> view(endpoint, null))
                .filter(view -> spec.connectionId().equals(view.connectionId()) && view.state() != null)
                .findFirst();
    }

    @Override
    public EndpointView createEndpoint(EndpointSpec spec, List<String> zoneIds) {
        spendMutationToken(new CloudLocation(spec.placement().accountId(), spec.placement().region()), "CreateVpcEndpoint");
        CreateVpcEndpointRequest request = new CreateVpcEndpointRequest();
        request.setSysRegionId(spec.placement().region());
        request.setServiceName(spec.serviceName());
        request.setVpcId(spec.placement().vpcId());
        request.setSecurityGroupIds(List.of(spec.placement().securityGroupId()));
        List<CreateVpcEndpointRequest.Zone> zones = new ArrayList<>();
        for (String zoneId : zoneIds) {
            CreateVpcEndpointRequest.Zone zone = new CreateVpcEndpointRequest.Zone();
            zone.setZoneId(zoneId);
            zone.setVSwitchId(spec.placement().subnetIdsByAz().get(zoneId));
            zones.add(zone);
        }
        request.setZones(zones);
        request.setClientToken(spec.clientToken());
        request.setEndpointName(spec.connectionId());
        request.setEndpointDescription(deployment.endpointMarker(spec.connectionId()));
        CreateVpcEndpointResponse created = client.call(spec.placement().region(), request);
        return new EndpointView(created.getEndpointId(), spec.connectionId(),
                AlicloudEndpointStates.toConnectionState(created.getEndpointStatus(), created.getConnectionStatus()),
                created.getEndpointStatus() + "/" + created.getConnectionStatus(), null, zoneIds);
    }

    @Override
    public List<EndpointView> observeManagedEndpoints(CloudLocation location) {
        // one credential set for every platform account on Alibaba Cloud (the RAM role of the worker)
        String region = location.region();
        List<EndpointView> views = new ArrayList<>();
        String nextToken = null;
        do {
            ListVpcEndpointsRequest request = new ListVpcEndpointsRequest();
            request.setSysRegionId(region);
            request.setMaxResults(config.watchPageSize());
            request.setNextToken(nextToken);
            ListVpcEndpointsResponse page = client.call(region, request);
            for (ListVpcEndpointsResponse.Endpoint endpoint : page.getEndpoints()) {
                EndpointView view = view(endpoint, null);
                if (view.connectionId() != null) {
                    views.add(view);
                }
            }
            nextToken = page.getNextToken() == null || page.getNextToken().isEmpty() ? null : page.getNextToken();
        } while (nextToken != null);
        return views;
    }

    @Override
    public void deleteEndpoint(CloudLocation location, String endpointId) {
        String region = location.region();
        spendMutationToken(location, "DeleteVpcEndpoint");
        DeleteVpcEndpointRequest request = new DeleteVpcEndpointRequest();
        request.setSysRegionId(region);
        request.setEndpointId(endpointId);
        try {
            client.call(region, request);
        } catch (CloudException e) {
            // Already gone is what we wanted.
            if (!"EndpointNotFound".equals(e.errorCode())) {
                throw e;
            }
        }
    }

    @Override
    public Optional<Duration> createPace(CloudLocation location) {
        return mutationsOf(location).perToken();
    }

    private TokenBucket mutationsOf(CloudLocation location) {
        return mutations.computeIfAbsent(location,
                l -> new TokenBucket(config.budget().mutateCapacity(), config.budget().mutateRefillPerSecond()));
    }

    private void spendMutationToken(CloudLocation location, String action) {
        boolean granted = mutationsOf(location).tryAcquire();
        metrics.budgetWait("ALICLOUD", "mutate", Duration.ZERO, granted);
        if (!granted) {
            throw new CloudException("ClientBudget", "client-side budget for " + action
                    + " is spent; the call waits for a later cycle", true, null);
        }
    }

    /** This deployment's endpoints carry its marker in their description; others map to no connection. */
    private EndpointView view(ListVpcEndpointsResponse.Endpoint endpoint, List<String> zoneIds) {
        String connectionId = deployment.connectionOfEndpointMarker(endpoint.getEndpointDescription()).orElse(null);
        String status = endpoint.getEndpointStatus() + "/" + endpoint.getConnectionStatus();
        return new EndpointView(endpoint.getEndpointId(), connectionId,
                AlicloudEndpointStates.toConnectionState(endpoint.getEndpointStatus(), endpoint.getConnectionStatus()),
                status, null, zoneIds,
                AlicloudEndpointStates.failureReason(endpoint.getEndpointStatus(), endpoint.getConnectionStatus()));
    }
}
