package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.CloudSimulator;
import io.dataflow.privatelink.simulator.common.DnsZone;
import io.dataflow.privatelink.simulator.common.PrivateLinkStore;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.dataflow.privatelink.simulator.common.SimulatorHttpServer;
import io.dataflow.privatelink.simulator.common.SimulatorStore;
import io.dataflow.privatelink.simulator.route53.Route53HttpHandler;
import io.dataflow.privatelink.simulator.route53.Route53Store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stateful AWS EC2 simulator for the PrivateLink actions, speaking the real EC2 Query protocol so that
 * the AWS SDK's {@code Ec2Client} (with {@code endpointOverride}) and the AWS CLI (with
 * {@code --endpoint-url}) work against it. Route 53 (REST-XML, private hosted zones) and STS are served on
 * the same port, and {@link #resolve} answers what a name resolves to inside a VPC: an interface endpoint's DNS
 * names answer loopback addresses on which the endpoint forwards to its service's backends
 * ({@link #setServiceBackends}) once it is available. It runs on the JDK's HttpServer alone and starts in
 * milliseconds. Thread-safe.
 *
 * <p>Accounts are known by access key ({@link #addAccount}); the caller's region is taken from the SigV4
 * credential scope. Control endpoints for the local stack live under {@code /_simulator/} (JSON). Call
 * counts, faults and rate limits: {@link CloudSimulator}.
 */
public final class Ec2Simulator extends CloudSimulator<Ec2SimulatorConfig> {

    private final Ec2Store store;
    private final Route53Store route53;

    private Ec2Simulator(SimulatorHttpServer server, Ec2SimulatorConfig config) {
        super(server, config);
        this.store = new Ec2Store(config);
        this.route53 = new Route53Store(config.clock(), config.route53ChangeSyncDelay());
        server.context("/", new Ec2HttpHandler(store, operations(), config));
        // Route 53 is its own service in AWS; here it shares the port, told apart by its REST paths.
        server.context(Route53HttpHandler.PREFIX, new Route53HttpHandler(route53, operations(),
                key -> store.accessKey(key).map(PrivateLinkStore.AccessKey::accountId),
                config.rateBucket(Ec2SimulatorConfig.ROUTE53)));
        server.context(Ec2ControlHandler.PREFIX, new Ec2ControlHandler(this));
    }

    /** Starts on {@code port} (0 picks a free one) of {@link Ec2SimulatorConfig#bindAddress()}. */
    public static Ec2Simulator start(int port, Ec2SimulatorConfig config) {
        return launch("ec2-simulator", port, config, Ec2Simulator::new);
    }

    @Override
    protected Map<String, SimulatorStore<?>> stores() {
        return Map.of("ec2", store, "route53", route53);
    }

    @Override
    protected PrivateLinkStore<?, ?, ?> privateLink() {
        return store;
    }

    /** The Route 53 private hosted zones associated with the VPC. */
    @Override
    protected List<DnsZone> privateZonesFor(String vpcId) {
        return route53.privateZonesFor(vpcId);
    }

    // ---- accounts and network (the parts of EC2 that are not simulated as API) ----

    /** Requests signed with {@code accessKeyId} act as {@code accountId}. */
    public Ec2Simulator addAccount(String accountId, String accessKeyId) {
        store.addAccessKey(accessKeyId, new PrivateLinkStore.AccessKey(accountId, null));
        return this;
    }

    /** An IAM role (its ARN names its account) that callers of {@code trustedAccountId} may assume through STS. */
    public Ec2Simulator addRole(String roleArn, String trustedAccountId) {
        store.addRole(roleArn, trustedAccountId);
        return this;
    }

    /** Makes a subnet (and its VPC) exist; the region is the zone name's ({@code us-east-1a} → us-east-1). */
    public Ec2Simulator registerSubnet(String accountId, String vpcId, String subnetId, String azId, String azName) {
        store.registerSubnet(new Ec2Store.Subnet(accountId, vpcId, subnetId, new AvailabilityZone(azId, azName)));
        return this;
    }

    /**
     * Defines where a network load balancer runs, which decides the zones of services built on it. ARNs
     * never registered are accepted too and span the region's default zones.
     */
    public Ec2Simulator registerLoadBalancer(String accountId, String arn, List<AvailabilityZone> zones) {
        store.registerLoadBalancer(accountId, arn, zones);
        return this;
    }

    /** Shortcut for tests: an endpoint service without going through CreateVpcEndpointServiceConfiguration. */
    public ServiceRef createEndpointService(String ownerAccountId, String region, Acceptance acceptance,
                                           List<AvailabilityZone> zones) {
        Ec2EndpointService s = store.createServiceDirect(ownerAccountId, region, acceptance, zones);
        return new ServiceRef(s.serviceId(), s.serviceName());
    }

    /** Shortcut for tests: ModifyVpcEndpointServicePermissions AddAllowedPrincipals as the owner. */
    public void allowPrincipal(String serviceId, String principal) {
        store.allowPrincipal(serviceId, principal);
    }

    /**
     * From now on DescribeVpcEndpointServices gives this service's zones by name only, without
     * {@code availabilityZoneIdSet}, as older API responses and some emulators (moto) do.
     */
    public void describeServiceZonesByNameOnly(String serviceId) {
        store.describeByZoneNamesOnly(serviceId);
    }

    /** From now on, Route 53 changes stay PENDING for {@code delay} before they are INSYNC. */
    public void setRoute53ChangeSyncDelay(Duration delay) {
        route53.setSyncDelay(delay);
    }

    // ---- endpoint hooks ----

    /** Forces an endpoint's state, e.g. {@code FAILED} or {@code EXPIRED}; PENDING and DELETING still move on. */
    public void setEndpointState(String endpointId, VpcEndpointState state) {
        store.setEndpointState(endpointId, state);
    }

    @Override
    public boolean deleteEndpointOutOfBand(String endpointId) {
        return store.deleteEndpointOutOfBand(endpointId);
    }

    /** The endpoint's current state, empty once it is gone. */
    public Optional<VpcEndpointState> endpointState(String endpointId) {
        return store.findEndpoint(endpointId).map(Ec2VpcEndpoint::state);
    }

    /**
     * The truth of the cloud for audits: every endpoint that still exists (in any account), by id, with the
     * value of its tag {@code key}, null when it has none.
     */
    public Map<String, String> endpointsTagged(String key) {
        return store.endpointsTagged(key);
    }

    // ---- private DNS ----

    /** Every hosted zone with its VPCs and records (control endpoint {@code GET /_simulator/route53/zones}). */
    public List<Map<String, Object>> route53Zones() {
        return route53.describe();
    }
}
