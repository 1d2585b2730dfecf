package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.EndpointServiceNames;
import io.dataflow.privatelink.contract.ResourceTags;
import io.dataflow.privatelink.worker.cloud.CloudException;
import io.dataflow.privatelink.worker.cloud.CloudLocation;
import io.dataflow.privatelink.worker.cloud.EndpointCloud;
import io.dataflow.privatelink.worker.cloud.EndpointServiceView;
import io.dataflow.privatelink.worker.cloud.EndpointSpec;
import io.dataflow.privatelink.worker.cloud.EndpointView;
import io.dataflow.privatelink.worker.ownership.DeploymentIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServicesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@link EndpointCloud} on AWS: interface VPC endpoints through the EC2 API, tagged with the connection, the
 * cluster and this deployment's identity; every look-up filters on the identity.
 */
@ApplicationScoped
public class AwsEndpointCloud implements EndpointCloud {

    /** Page size of the batched watch: EC2's maximum, so 2,000 endpoints take two calls. */
    static final int WATCH_PAGE_SIZE = 1000;
    private final AwsClients clients;
    private final AwsCalls calls;
    private final AccountZones accountZones;
    private final DeploymentIdentity deployment;

    AwsEndpointCloud(AwsClients clients, AwsCalls calls, AccountZones accountZones, DeploymentIdentity deployment) {
        this.clients = clients;
        this.calls = calls;
        this.accountZones = accountZones;
        this.deployment = deployment;
    }

    @Override
    public CloudProvider provider() {
        return CloudProvider.AWS;
    }

    @Override
    public String allowListInstruction(String platformAccountId, String serviceName) {
        return "Check the service name, and allow the principal arn:aws:iam::" + platformAccountId
                + ":root on the endpoint service (Allow principals / ModifyVpcEndpointServicePermissions).";
    }

    @Override
    public Optional<Duration> createPace(CloudLocation location) {
        return clients.mutatePace();
    }

    @Override
    public Optional<EndpointServiceView> observeService(EndpointSpec spec) {
        Ec2Client ec2 = clients.ec2(locationOf(spec));
        DescribeVpcEndpointServicesResponse response;
        try {
            response = call(() -> ec2.describeVpcEndpointServices(r -> {
                r.serviceNames(spec.serviceName());
                if (!spec.serviceRegion().equals(spec.placement().region())) {
                    r.serviceRegions(spec.serviceRegion());
                }
            }));
        } catch (CloudException e) {
            if ("InvalidServiceName".equals(e.errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
        return response.serviceDetails().stream()
                .filter(detail -> spec.serviceName().equals(detail.serviceName()))
                .findFirst()
                .map(detail -> {
                    String region = regionOf(detail, spec);
                    return new EndpointServiceView(detail.serviceName(), region,
                            accountZones.idsOf(new CloudLocation(spec.placement().accountId(), region),
                                    detail.availabilityZoneIds(), detail.availabilityZones()),
                            Boolean.TRUE.equals(detail.acceptanceRequired()));
                });
    }

    private static String regionOf(ServiceDetail detail, EndpointSpec spec) {
        if (detail.serviceRegion() != null) {
            return detail.serviceRegion();
        }
        return EndpointServiceNames.regionOf(ConnectionType.AWS_ENDPOINT_SERVICE, detail.serviceName())
                .orElse(spec.serviceRegion());
    }

    @Override
    public Optional<EndpointView> findEndpoint(EndpointSpec spec) {
        Ec2Client ec2 = clients.ec2(locationOf(spec));
        List<VpcEndpoint> found = call(() -> ec2.describeVpcEndpoints(r -> r.filters(
                Filter.builder().name("tag:" + ResourceTags.CONNECTION_ID).values(spec.connectionId()).build(),
                ownedByThisDeployment()))).vpcEndpoints();
        return found.stream()
                .map(endpoint -> view(endpoint, zonesOf(endpoint, spec)))
                .filter(view -> view.state() != null)
                .findFirst();
    }

    @Override
    public EndpointView createEndpoint(EndpointSpec spec, List<String> zoneIds) {
        Ec2Client ec2 = clients.ec2(locationOf(spec));
        List<String> subnets = zoneIds.stream().map(zone -> spec.placement().subnetIdsByAz().get(zone)).toList();
        CreateVpcEndpointRequest.Builder request = CreateVpcEndpointRequest.builder()
                .vpcEndpointType(VpcEndpointType.INTERFACE)
                .vpcId(spec.placement().vpcId())
                .serviceName(spec.serviceName())
                .subnetIds(subnets)
                .securityGroupIds(spec.placement().securityGroupId())
                .privateDnsEnabled(false)
                .clientToken(spec.clientToken())
                .tagSpecifications(TagSpecification.builder()
                        .resourceType(ResourceType.VPC_ENDPOINT)
                        .tags(Tag.builder().key(ResourceTags.CONNECTION_ID).value(spec.connectionId()).build(),
                                Tag.builder().key(ResourceTags.DEPLOYMENT_ID).value(deployment.id()).build(),
                                Tag.builder().key(ResourceTags.CLUSTER_ID).value(spec.placement().clusterId()).build())
                        .build());
        if (!spec.serviceRegion().equals(spec.placement().region())) {
            request.serviceRegion(spec.serviceRegion());
        }
        VpcEndpoint created = call(() -> ec2.createVpcEndpoint(request.build())).vpcEndpoint();
        return view(created, zoneIds);
    }

    @Override
    public List<EndpointView> observeManagedEndpoints(CloudLocation location) {
        Ec2Client ec2 = clients.ec2(location);
        List<EndpointView> views = new ArrayList<>();
        call(() -> {
            ec2.describeVpcEndpointsPaginator(r -> r.maxResults(WATCH_PAGE_SIZE)
                            .filters(Filter.builder().name("tag-key").values(ResourceTags.CONNECTION_ID).build(),
                                    ownedByThisDeployment()))
                    .vpcEndpoints()
                    .forEach(endpoint -> views.add(view(endpoint, null)));
            return views;
        });
        return views;
    }

    @Override
    public void deleteEndpoint(CloudLocation location, String endpointId) {
        Ec2Client ec2 = clients.ec2(location);
        DeleteVpcEndpointsResponse response = call(() -> ec2.deleteVpcEndpoints(r -> r.vpcEndpointIds(endpointId)));
        for (UnsuccessfulItem item : response.unsuccessful()) {
            String code = item.error() == null ? null : item.error().code();
            // Already gone is what we wanted.
            if (code != null && code.endsWith(".NotFound")) {
                continue;
            }
            throw new CloudException(code, "DeleteVpcEndpoints refused " + endpointId + ": "
                    + (item.error() == null ? "no reason given" : item.error().message()), false, null);
        }
    }

    /** The cluster's platform account and region: where its endpoint is made, with that account's credentials. */
    private static CloudLocation locationOf(EndpointSpec spec) {
        return new CloudLocation(spec.placement().accountId(), spec.placement().region());
    }

    /** Another deployment's endpoints in the same account are never seen, so never adopted or swept. */
    private Filter ownedByThisDeployment() {
        return Filter.builder().name("tag:" + ResourceTags.DEPLOYMENT_ID).values(deployment.id()).build();
    }

    private static EndpointView view(VpcEndpoint endpoint, List<String> zoneIds) {
        Map<String, String> tags = endpoint.tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
        String reason = endpoint.lastError() != null ? endpoint.lastError().message() : endpoint.failureReason();
        return new EndpointView(endpoint.vpcEndpointId(), tags.get(ResourceTags.CONNECTION_ID),
                AwsEndpointStates.toConnectionState(endpoint.stateAsString()), endpoint.stateAsString(), reason,
                zoneIds, AwsEndpointStates.failureReason(endpoint.stateAsString()));
    }

    /** The zones of an endpoint's subnets, through the cluster's subnet-per-zone map. */
    private static List<String> zonesOf(VpcEndpoint endpoint, EndpointSpec spec) {
        Map<String, String> zoneBySubnet = spec.placement().subnetIdsByAz().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey, (a, b) -> a));
        return endpoint.subnetIds().stream().map(zoneBySubnet::get).filter(zone -> zone != null).toList();
    }

    private <T> T call(Supplier<T> ec2Call) {
        return calls.call(ec2Call);
    }
}
