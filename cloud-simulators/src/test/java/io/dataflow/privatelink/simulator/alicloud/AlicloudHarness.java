package io.dataflow.privatelink.simulator.alicloud;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.privatelink.model.v20200415.AddUserToVpcEndpointServiceRequest;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointRequest;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointResponse;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointServiceRequest;
import com.aliyuncs.privatelink.model.v20200415.CreateVpcEndpointServiceResponse;
import com.aliyuncs.privatelink.model.v20200415.GetVpcEndpointAttributeRequest;
import com.aliyuncs.privatelink.model.v20200415.GetVpcEndpointAttributeResponse;
import com.aliyuncs.profile.DefaultProfile;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A simulator with three accounts (the platform consuming services, a customer owning them, a stranger)
 * and real Alibaba Cloud SDK clients for them. The SDK never retries unless given a retry policy, so each
 * SDK call is exactly one HTTP request.
 */
final class AlicloudHarness implements AutoCloseable {

    static final String REGION = "cn-hangzhou";
    static final String ZONE_H = "cn-hangzhou-h";
    static final String ZONE_I = "cn-hangzhou-i";
    static final String ZONE_J = "cn-hangzhou-j";

    static final String PLATFORM_UID = "1000000000000001";
    static final String PLATFORM_KEY = "LTAI5tPlatform000000001";
    static final String PLATFORM_SECRET = "platform-secret";
    static final String OWNER_UID = "1000000000000002";
    static final String OWNER_KEY = "LTAI5tOwner00000000002";
    static final String OWNER_SECRET = "owner-secret";
    static final String OTHER_UID = "1000000000000003";
    static final String OTHER_KEY = "LTAI5tOther00000000003";
    static final String OTHER_SECRET = "other-secret";

    static final String VPC = "vpc-bp1platform000000001";
    /** vSwitches of the platform VPC in zones h and i (offered by the default services) and j (not offered). */
    static final String VSW_H = "vsw-bp1hhhhhhhhhhhhhhh01";
    static final String VSW_I = "vsw-bp1iiiiiiiiiiiiiii02";
    static final String VSW_J = "vsw-bp1jjjjjjjjjjjjjjj03";
    static final String SG = "sg-bp1platform0000000001";

    private static final ObjectMapper JSON = new ObjectMapper();

    final AlicloudSimulator simulator;
    final DefaultAcsClient platform;
    final DefaultAcsClient owner;
    final DefaultAcsClient other;
    private final List<DefaultAcsClient> clients = new ArrayList<>();

    private AlicloudHarness(AlicloudSimulatorConfig config) {
        simulator = AlicloudSimulator.start(0, config)
                .addAccount(PLATFORM_UID, PLATFORM_KEY, PLATFORM_SECRET)
                .addAccount(OWNER_UID, OWNER_KEY, OWNER_SECRET)
                .addAccount(OTHER_UID, OTHER_KEY, OTHER_SECRET)
                .registerVSwitch(PLATFORM_UID, REGION, VPC, VSW_H, ZONE_H)
                .registerVSwitch(PLATFORM_UID, REGION, VPC, VSW_I, ZONE_I)
                .registerVSwitch(PLATFORM_UID, REGION, VPC, VSW_J, ZONE_J);
        platform = client(PLATFORM_KEY, PLATFORM_SECRET);
        owner = client(OWNER_KEY, OWNER_SECRET);
        other = client(OTHER_KEY, OTHER_SECRET);
    }

    static AlicloudHarness start(AlicloudSimulatorConfig.Builder config) {
        return new AlicloudHarness(config.regionZones(REGION, List.of(ZONE_H, ZONE_I)).build());
    }

    /** A simulator keeping its state in {@code stateFolder} (restored from it if a previous one saved there). */
    static AlicloudHarness start(AlicloudSimulatorConfig.Builder config, java.nio.file.Path stateFolder) {
        return new AlicloudHarness(config.regionZones(REGION, List.of(ZONE_H, ZONE_I)).stateFolder(stateFolder).build());
    }

    static AlicloudHarness start() {
        return start(AlicloudSimulatorConfig.builder()
                .activeDelay(Duration.ofMillis(200))
                .connectDelay(Duration.ofMillis(200))
                .disconnectDelay(Duration.ofMillis(100))
                .deletionDelay(Duration.ofMillis(100)));
    }

    /**
     * A client whose requests all go to the simulator: a per-client endpoint resolver (the alternative,
     * {@code DefaultProfile.addEndpoint}, is process-wide). Requests still need HTTP set one by one: see
     * {@link #call}.
     */
    DefaultAcsClient client(String accessKeyId, String secret) {
        DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile(REGION, accessKeyId, secret));
        client.setEndpointResolver(request -> simulator.hostAndPort());
        clients.add(client);
        return client;
    }

    /** Sends a request over plain HTTP (every PrivateLink request class defaults to HTTPS). */
    static <T extends AcsResponse> T call(DefaultAcsClient client, AcsRequest<T> request) throws ClientException {
        request.setSysProtocol(ProtocolType.HTTP);
        return client.getAcsResponse(request);
    }

    /** A PrivateZone (2018-01-01) action, as the worker sends it: the core SDK's CommonRequest, signed, over HTTP. */
    JsonNode privateZone(DefaultAcsClient client, String action, Map<String, String> parameters)
            throws ClientException {
        CommonRequest request = new CommonRequest();
        request.setSysMethod(MethodType.POST);
        request.setSysDomain(simulator.hostAndPort());
        request.setSysProtocol(ProtocolType.HTTP);
        request.setSysVersion("2018-01-01");
        request.setSysAction(action);
        parameters.forEach(request::putQueryParameter);
        try {
            return JSON.readTree(client.getCommonResponse(request).getData());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PrivateZone zone of the platform bound to {@code vpcId}, holding {@code cnames} (RR → target). */
    void privateZone(String vpcId, String zoneName, Map<String, String> cnames) throws ClientException {
        String zoneId = privateZone(platform, "AddZone", Map.of("ZoneName", zoneName)).path("ZoneId").asText();
        privateZone(platform, "BindZoneVpc", Map.of("ZoneId", zoneId, "Vpcs.1.RegionId", REGION,
                "Vpcs.1.VpcId", vpcId));
        for (Map.Entry<String, String> cname : cnames.entrySet()) {
            privateZone(platform, "AddZoneRecord", Map.of("ZoneId", zoneId, "Rr", cname.getKey(), "Type", "CNAME",
                    "Value", cname.getValue(), "Ttl", "60"));
        }
    }

    /** The owner creates a service on a load balancer in zones h and i; its whitelist is empty. */
    CreateVpcEndpointServiceResponse createService(boolean autoAccept) throws ClientException {
        CreateVpcEndpointServiceRequest request = new CreateVpcEndpointServiceRequest();
        request.setAutoAcceptEnabled(autoAccept);
        request.setServiceResourceType("slb");
        request.setServiceDescription("customer database");
        request.setResources(List.of(resource("lb-bp1customer00000001", ZONE_H),
                resource("lb-bp1customer00000001", ZONE_I)));
        return call(owner, request);
    }

    /** The owner creates a service and whitelists the platform account, as a customer following the docs would. */
    CreateVpcEndpointServiceResponse createSharedService(boolean autoAccept) throws ClientException {
        CreateVpcEndpointServiceResponse service = createService(autoAccept);
        AddUserToVpcEndpointServiceRequest add = new AddUserToVpcEndpointServiceRequest();
        add.setServiceId(service.getServiceId());
        add.setUserId(Long.valueOf(PLATFORM_UID));
        call(owner, add);
        return service;
    }

    private static CreateVpcEndpointServiceRequest.Resource resource(String id, String zone) {
        CreateVpcEndpointServiceRequest.Resource r = new CreateVpcEndpointServiceRequest.Resource();
        r.setResourceType("slb");
        r.setResourceId(id);
        r.setZoneId(zone);
        return r;
    }

    static CreateVpcEndpointRequest.Zone zone(String zoneId, String vSwitchId) {
        CreateVpcEndpointRequest.Zone z = new CreateVpcEndpointRequest.Zone();
        z.setZoneId(zoneId);
        z.setVSwitchId(vSwitchId);
        return z;
    }

    /** CreateVpcEndpoint as the platform: its VPC and security group, zone h, then whatever the test sets. */
    CreateVpcEndpointResponse createEndpoint(String serviceName, Consumer<CreateVpcEndpointRequest> customizer)
            throws ClientException {
        CreateVpcEndpointRequest request = new CreateVpcEndpointRequest();
        request.setServiceName(serviceName);
        request.setVpcId(VPC);
        request.setSecurityGroupIds(List.of(SG));
        request.setZones(List.of(zone(ZONE_H, VSW_H)));
        customizer.accept(request);
        return call(platform, request);
    }

    CreateVpcEndpointResponse createEndpoint(String serviceName) throws ClientException {
        return createEndpoint(serviceName, r -> { });
    }

    GetVpcEndpointAttributeResponse describe(String endpointId) throws ClientException {
        GetVpcEndpointAttributeRequest request = new GetVpcEndpointAttributeRequest();
        request.setEndpointId(endpointId);
        return call(platform, request);
    }

    /** "EndpointStatus/ConnectionStatus" as the platform sees them. */
    String statusOf(String endpointId) throws ClientException {
        GetVpcEndpointAttributeResponse ep = describe(endpointId);
        return ep.getEndpointStatus() + "/" + ep.getConnectionStatus();
    }

    @Override
    public void close() {
        clients.forEach(DefaultAcsClient::shutdown);
        simulator.close();
    }
}
