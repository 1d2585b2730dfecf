package io.dataflow.privatelink.worker.alicloud;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointRequest;
import com.aliyuncs.privatelink.model.v20200415.DisableVpcEndpointConnectionRequest;
import com.aliyuncs.privatelink.model.v20200415.EnableVpcEndpointConnectionRequest;
import com.aliyuncs.privatelink.model.v20200415.ListVpcEndpointsRequest;
import com.aliyuncs.profile.DefaultProfile;
import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.FaultSpec;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.dataflow.privatelink.worker.ownership.DeploymentIdentity;
import io.dataflow.privatelink.worker.testing.CloudSide;

import java.util.List;

import static io.dataflow.privatelink.worker.alicloud.AlicloudSimulatorResource.REGION;

/** The Alibaba Cloud simulator from the customer's side, through the real SDK, and Alibaba Cloud's words. */
final class AlicloudSide implements CloudSide {

    static final List<String> BOTH_ZONES = List.of("cn-hangzhou-i", "cn-hangzhou-j");
    private static final String SECURITY_GROUP = "sg-bp1platformtest0001";

    @Override
    public ConnectionType connectionType() {
        return ConnectionType.ALICLOUD_ENDPOINT_SERVICE;
    }

    @Override
    public ClusterPlacement placement() {
        return new ClusterPlacement("cluster-ali", "project-1", CloudProvider.ALICLOUD, REGION,
                AlicloudSimulatorResource.PLATFORM_UID, AlicloudSimulatorResource.VPC, BOTH_ZONES,
                AlicloudSimulatorResource.VSWITCHES, SECURITY_GROUP);
    }

    @Override
    public List<String> zonesOutsideThePlatform() {
        return List.of("cn-hangzhou-k");
    }

    @Override
    public ServiceRef createService(List<String> zoneIds, boolean allowPlatform, Acceptance acceptance) {
        return AlicloudSimulatorResource.customerService(zoneIds, allowPlatform, acceptance);
    }

    @Override
    public void accept(ServiceRef service, String endpointId) {
        EnableVpcEndpointConnectionRequest enable = new EnableVpcEndpointConnectionRequest();
        enable.setServiceId(service.serviceId());
        enable.setEndpointId(endpointId);
        owner(enable);
    }

    @Override
    public Acceptance refusedFrom() {
        return Acceptance.AUTOMATIC;
    }

    @Override
    public void refuse(ServiceRef service, String endpointId) {
        DisableVpcEndpointConnectionRequest disable = new DisableVpcEndpointConnectionRequest();
        disable.setServiceId(service.serviceId());
        disable.setEndpointId(endpointId);
        owner(disable);
    }

    @Override
    public void deleteEndpointOutside(String endpointId) {
        AlicloudSimulatorResource.simulator.deleteEndpointOutOfBand(endpointId);
    }

    @Override
    public String createEndpointMarked(ServiceRef service, DeploymentIdentity deployment, String connectionId) {
        CreateVpcEndpointRequest create = new CreateVpcEndpointRequest();
        create.setServiceName(service.serviceName());
        create.setVpcId(AlicloudSimulatorResource.VPC);
        create.setSecurityGroupIds(List.of(SECURITY_GROUP));
        CreateVpcEndpointRequest.Zone zone = new CreateVpcEndpointRequest.Zone();
        zone.setZoneId("cn-hangzhou-i");
        zone.setVSwitchId(AlicloudSimulatorResource.VSWITCHES.get("cn-hangzhou-i"));
        create.setZones(List.of(zone));
        create.setEndpointName(connectionId);
        create.setEndpointDescription(deployment.endpointMarker(connectionId));
        return platform(create).getEndpointId();
    }

    /** Endpoints of the platform account named for the connection, as the console would list them. */
    @Override
    public List<Endpoint> endpointsOf(String connectionId) {
        ListVpcEndpointsRequest list = new ListVpcEndpointsRequest();
        list.setEndpointName(connectionId);
        return platform(list).getEndpoints().stream()
                .map(e -> new Endpoint(e.getEndpointId(), e.getConnectionStatus(), e.getVpcId())).toList();
    }

    @Override
    public boolean endpointExists(String endpointId) {
        return AlicloudSimulatorResource.simulator.endpointStatus(endpointId).isPresent();
    }

    @Override
    public void throttle(boolean on) {
        if (on) {
            AlicloudSimulatorResource.simulator.injectFault("*", FaultSpec.throttling().withProbability(0.5));
        } else {
            AlicloudSimulatorResource.simulator.clearFaults();
        }
    }

    @Override
    public long throttledCount() {
        return AlicloudSimulatorResource.simulator.throttledCount();
    }

    @Override
    public List<String> notAllowedWords() {
        return List.of("whitelist", AlicloudSimulatorResource.PLATFORM_UID);
    }

    @Override
    public String refusalWord() {
        return "Disconnect";
    }

    @Override
    public String awaitingAcceptanceStatus() {
        return "Pending";
    }

    /** A new endpoint is {@code Creating} before it is {@code Active}: the create announces CREATING. */
    @Override
    public List<ConnectionState> statesThroughAcceptance() {
        return List.of(ConnectionState.CREATING, ConnectionState.PENDING_ACCEPTANCE, ConnectionState.ACTIVE);
    }

    @Override
    public boolean knowsAutomaticAcceptance() {
        return false;
    }

    @Override
    public String cloudLabel() {
        return "ALICLOUD";
    }

    @Override
    public String mutateBudget() {
        return "mutate";
    }

    @Override
    public String createAction() {
        return "CreateVpcEndpoint";
    }

    @Override
    public String deleteAction() {
        return "DeleteVpcEndpoint";
    }

    private static <T extends AcsResponse> T platform(AcsRequest<T> request) {
        return call(AlicloudSimulatorResource.PLATFORM_KEY, AlicloudSimulatorResource.PLATFORM_SECRET, request);
    }

    private static void owner(AcsRequest<?> request) {
        call(AlicloudSimulatorResource.OWNER_KEY, AlicloudSimulatorResource.OWNER_SECRET, request);
    }

    private static <T extends AcsResponse> T call(String key, String secret, AcsRequest<T> request) {
        request.setSysProtocol(ProtocolType.HTTP);
        DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile(REGION, key, secret));
        client.setEndpointResolver(r -> AlicloudSimulatorResource.simulator.hostAndPort());
        try {
            return client.getAcsResponse(request);
        } catch (ClientException e) {
            throw new IllegalStateException(request.getSysActionName() + " failed: " + e.getMessage(), e);
        }
    }
}
