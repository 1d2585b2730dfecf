package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.CloudSimulator;
import io.dataflow.privatelink.simulator.common.DnsZone;
import io.dataflow.privatelink.simulator.common.PrivateLinkStore;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.dataflow.privatelink.simulator.common.SimulatorHttpServer;
import io.dataflow.privatelink.simulator.common.SimulatorStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stateful Alibaba Cloud PrivateLink simulator (API version 2020-04-15, and PrivateZone 2018-01-01 on the
 * same endpoint, with {@link #resolve} for what a name resolves to inside a VPC: an endpoint's domains answer
 * loopback addresses on which it forwards to its service's backends ({@link #setServiceBackends}) once its
 * connection is accepted), speaking the RPC protocol the way the real {@code aliyun-java-sdk-privatelink} +
 * {@code aliyun-java-sdk-core} send it: parameters in the query string, HMAC-SHA1 signature version 1.0 checked
 * against the account's secret, JSON answers and Alibaba Cloud's error bodies and HTTP statuses. It runs on the
 * JDK's HttpServer alone and starts in milliseconds. Thread-safe.
 *
 * <p>Point the SDK at it per client: {@code client.setEndpointResolver(r -> simulator.hostAndPort())} (or
 * the process-wide {@code DefaultProfile.addEndpoint(region, "Privatelink", simulator.hostAndPort())}),
 * and per request {@code request.setSysProtocol(ProtocolType.HTTP)}: every PrivateLink request class
 * forces HTTPS in its constructor, so the profile's protocol setting has no effect.
 *
 * <p>Accounts are known by AccessKey ({@link #addAccount}); the caller's region is the request's
 * {@code RegionId}. Control endpoints for the local stack live under {@code /_simulator/} (JSON). Call
 * counts, faults and rate limits: {@link CloudSimulator}; injected throttling answers 400
 * {@code Throttling.User}, an internal error 500 {@code InternalError}, unavailability 503
 * {@code ServiceUnavailable}.
 */
public final class AlicloudSimulator extends CloudSimulator<AlicloudSimulatorConfig> {

    private final AlicloudStore store;
    private final PrivateZoneStore privateZones;

    private AlicloudSimulator(SimulatorHttpServer server, AlicloudSimulatorConfig config) {
        super(server, config);
        this.store = new AlicloudStore(config);
        this.privateZones = new PrivateZoneStore(config.clock());
        server.context("/", new AlicloudHttpHandler(store, privateZones, operations(), config));
        server.context(AlicloudControlHandler.PREFIX, new AlicloudControlHandler(this));
    }

    /** Starts on {@code port} (0 picks a free one) of {@link AlicloudSimulatorConfig#bindAddress()}. */
    public static AlicloudSimulator start(int port, AlicloudSimulatorConfig config) {
        return launch("alicloud-simulator", port, config, AlicloudSimulator::new);
    }

    public static AlicloudSimulator start(int port) {
        return start(port, AlicloudSimulatorConfig.defaults());
    }

    @Override
    protected Map<String, SimulatorStore<?>> stores() {
        return Map.of("alicloud-privatelink", store, "alicloud-privatezone", privateZones);
    }

    @Override
    protected PrivateLinkStore<?, ?, ?> privateLink() {
        return store;
    }

    /** The PrivateZone zones bound to the VPC. */
    @Override
    protected List<DnsZone> privateZonesFor(String vpcId) {
        return privateZones.zonesBoundTo(vpcId);
    }

    // ---- accounts and network (the parts of Alibaba Cloud that are not simulated as API) ----

    /**
     * Requests signed with this AccessKey pair act as {@code accountId}, an account UID such as
     * {@code 1000000000000001} (digits only: the API carries UIDs as numbers). An account may have several
     * AccessKeys.
     */
    public AlicloudSimulator addAccount(String accountId, String accessKeyId, String accessKeySecret) {
        if (accountId == null || accountId.isEmpty() || !accountId.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("an account UID is digits only, got " + accountId);
        }
        store.addAccessKey(accessKeyId, new PrivateLinkStore.AccessKey(accountId, accessKeySecret));
        return this;
    }

    /** Makes a vSwitch (and its VPC) exist for an account, in one zone of a region. */
    public AlicloudSimulator registerVSwitch(String accountId, String regionId, String vpcId, String vSwitchId,
                                             String zoneId) {
        store.registerVSwitch(new AlicloudStore.VSwitch(accountId, regionId, vpcId, vSwitchId, zoneId));
        return this;
    }

    /**
     * Shortcut for tests: an endpoint service without going through CreateVpcEndpointService, named
     * {@code com.aliyuncs.privatelink.<region>.epsrv-…}. Its whitelist is empty: see {@link #addUserToService}.
     */
    public ServiceRef createEndpointService(String ownerAccountId, String regionId, Acceptance acceptance,
                                           List<String> zoneIds) {
        AlicloudEndpointService s = store.createServiceDirect(ownerAccountId, regionId, acceptance, zoneIds);
        return new ServiceRef(s.serviceId(), s.serviceName());
    }

    /** Shortcut for tests: AddUserToVpcEndpointService as the owner ({@code "*"} whitelists every account). */
    public void addUserToService(String serviceId, String accountId) {
        store.addUserDirect(serviceId, accountId);
    }

    /** Removes a service as if its owner deleted it behind the platform's back: its endpoints show {@code ServiceDeleted}. */
    public boolean deleteServiceOutOfBand(String serviceId) {
        return store.deleteServiceOutOfBand(serviceId);
    }

    // ---- endpoint hooks ----

    /** Forces an endpoint's EndpointStatus; {@code Creating} and {@code Deleting} still move on after their delays. */
    public void setEndpointStatus(String endpointId, EndpointStatus status) {
        store.setEndpointStatus(endpointId, status);
    }

    /** Forces an endpoint's ConnectionStatus; {@code Connecting} and {@code Disconnecting} still move on. */
    public void setConnectionStatus(String endpointId, ConnectionStatus status) {
        store.setConnectionStatus(endpointId, status);
    }

    @Override
    public boolean deleteEndpointOutOfBand(String endpointId) {
        return store.deleteEndpointOutOfBand(endpointId);
    }

    /** The endpoint's current EndpointStatus, empty once it is gone. */
    public Optional<EndpointStatus> endpointStatus(String endpointId) {
        return store.findEndpoint(endpointId).map(AlicloudVpcEndpoint::status);
    }

    /** The endpoint's current ConnectionStatus, empty once it is gone. */
    public Optional<ConnectionStatus> connectionStatus(String endpointId) {
        return store.findEndpoint(endpointId).map(AlicloudVpcEndpoint::connectionStatus);
    }

    /** The endpoint's domain ({@code ep-….privatelink.aliyuncs.com}), what attached names point at. */
    public String endpointDomain(String endpointId) {
        return store.findEndpoint(endpointId).map(AlicloudVpcEndpoint::domain)
                .orElseThrow(() -> new IllegalArgumentException("no endpoint " + endpointId));
    }

    /** The truth of the cloud for audits: every endpoint that still exists (any account), by id, with its description. */
    public Map<String, String> endpointDescriptions() {
        return store.endpointDescriptions();
    }

    // ---- private DNS (PrivateZone) ----

    /** The ids of the PrivateZone zones with this name, in any account. */
    public List<String> privateZonesNamed(String zoneName) {
        return privateZones.named(zoneName).stream().map(z -> z.zoneId).toList();
    }

    /** The names of every PrivateZone zone, in any account, one entry per zone. */
    public List<String> privateZoneNames() {
        return privateZones.zoneNames();
    }
}
