package io.dataflow.privatelink.worker.aws;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.kit.testing.Metrics;
import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.FaultSpec;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.dataflow.privatelink.simulator.ec2.AvailabilityZone;
import io.dataflow.privatelink.worker.ownership.DeploymentIdentity;
import io.dataflow.privatelink.worker.testing.CloudSide;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.dataflow.privatelink.worker.aws.Ec2SimulatorResource.AZ1;
import static io.dataflow.privatelink.worker.aws.Ec2SimulatorResource.AZ2;
import static io.dataflow.privatelink.worker.aws.Ec2SimulatorResource.AZ6;

/** The EC2 simulator from the customer's side, through the real EC2 SDK, and EC2's words. */
final class Ec2Side implements CloudSide {

    private static final Map<String, AvailabilityZone> ZONES = Stream.of(AZ1, AZ2, AZ6)
            .collect(Collectors.toMap(AvailabilityZone::id, Function.identity()));

    @Override
    public ConnectionType connectionType() {
        return ConnectionType.AWS_ENDPOINT_SERVICE;
    }

    @Override
    public ClusterPlacement placement() {
        return new ClusterPlacement("cluster-1", "project-1", CloudProvider.AWS, Ec2SimulatorResource.REGION,
                Ec2SimulatorResource.PLATFORM_ACCOUNT, Ec2SimulatorResource.VPC, List.of(AZ1.id(), AZ2.id()),
                Ec2SimulatorResource.SUBNETS, "sg-0platform");
    }

    @Override
    public List<String> zonesOutsideThePlatform() {
        return List.of(AZ6.id());
    }

    @Override
    public ServiceRef createService(List<String> zoneIds, boolean allowPlatform, Acceptance acceptance) {
        return Ec2SimulatorResource.customerService(zoneIds.stream().map(ZONES::get).toList(), allowPlatform,
                acceptance);
    }

    @Override
    public void accept(ServiceRef service, String endpointId) {
        try (Ec2Client customer = client(Ec2SimulatorResource.CUSTOMER_KEY)) {
            customer.acceptVpcEndpointConnections(r -> r.serviceId(service.serviceId()).vpcEndpointIds(endpointId));
        }
    }

    @Override
    public Acceptance refusedFrom() {
        return Acceptance.MANUAL;
    }

    @Override
    public void refuse(ServiceRef service, String endpointId) {
        try (Ec2Client customer = client(Ec2SimulatorResource.CUSTOMER_KEY)) {
            customer.rejectVpcEndpointConnections(r -> r.serviceId(service.serviceId()).vpcEndpointIds(endpointId));
        }
    }

    @Override
    public void deleteEndpointOutside(String endpointId) {
        Ec2SimulatorResource.simulator.deleteEndpointOutOfBand(endpointId);
    }

    @Override
    public String createEndpointMarked(ServiceRef service, DeploymentIdentity deployment, String connectionId) {
        try (Ec2Client platform = client(Ec2SimulatorResource.PLATFORM_KEY)) {
            return platform.createVpcEndpoint(r -> r.vpcId(Ec2SimulatorResource.VPC)
                    .serviceName(service.serviceName()).vpcEndpointType("Interface")
                    .subnetIds(Ec2SimulatorResource.SUBNETS.get(AZ1.id()))
                    .tagSpecifications(t -> t.resourceType("vpc-endpoint").tags(
                            tag -> tag.key("dataflow-privatelink:connection-id").value(connectionId),
                            tag -> tag.key("dataflow-privatelink:deployment-id").value(deployment.id()))))
                    .vpcEndpoint().vpcEndpointId();
        }
    }

    @Override
    public List<Endpoint> endpointsOf(String connectionId) {
        try (Ec2Client platform = client(Ec2SimulatorResource.PLATFORM_KEY)) {
            return platform.describeVpcEndpoints(r -> r.filters(Filter.builder()
                    .name("tag:dataflow-privatelink:connection-id").values(connectionId).build())).vpcEndpoints()
                    .stream().map(e -> new Endpoint(e.vpcEndpointId(), e.stateAsString(), e.vpcId())).toList();
        }
    }

    @Override
    public boolean endpointExists(String endpointId) {
        return Ec2SimulatorResource.simulator.endpointState(endpointId).isPresent();
    }

    @Override
    public void throttle(boolean on) {
        if (on) {
            Ec2SimulatorResource.simulator.injectFault("*", FaultSpec.throttling().withProbability(0.6));
        } else {
            Ec2SimulatorResource.simulator.clearFaults();
        }
    }

    @Override
    public long throttledCount() {
        return Ec2SimulatorResource.simulator.throttledCount();
    }

    @Override
    public List<String> notAllowedWords() {
        return List.of("arn:aws:iam::" + Ec2SimulatorResource.PLATFORM_ACCOUNT + ":root");
    }

    @Override
    public String refusalWord() {
        return "rejected";
    }

    @Override
    public String awaitingAcceptanceStatus() {
        return "pendingAcceptance";
    }

    @Override
    public List<ConnectionState> statesThroughAcceptance() {
        return List.of(ConnectionState.PENDING_ACCEPTANCE, ConnectionState.ACTIVE);
    }

    @Override
    public boolean knowsAutomaticAcceptance() {
        return true;
    }

    @Override
    public String cloudLabel() {
        return "AWS";
    }

    @Override
    public String mutateBudget() {
        return "ec2-mutate";
    }

    @Override
    public String createAction() {
        return "CreateVpcEndpoint";
    }

    @Override
    public String deleteAction() {
        return "DeleteVpcEndpoints";
    }

    /** EC2's actions only: the storm throttles STS too. */
    @Override
    public double endpointThrottles(Metrics page) {
        return page.sum("plc_cloud_throttles_total", "cloud", "AWS")
                - page.sum("plc_cloud_throttles_total", "cloud", "AWS", "action", "GetCallerIdentity")
                - page.sum("plc_cloud_throttles_total", "cloud", "AWS", "action", "AssumeRole");
    }

    static Ec2Client client(String accessKey) {
        return Ec2Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(Ec2SimulatorResource.simulator.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }
}
