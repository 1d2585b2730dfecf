package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.CloudSimulator;
import io.dataflow.privatelink.simulator.common.DnsZone;
import io.dataflow.privatelink.simulator.common.Ids;
import io.dataflow.privatelink.simulator.common.PrivateLinkStore;
import io.dataflow.privatelink.simulator.common.ServiceRef;
import io.dataflow.privatelink.simulator.common.SimulatorHttpServer;
import io.dataflow.privatelink.simulator.common.SimulatorStore;
import io.dataflow.privatelink.simulator.msk.MskAuthentication;
import io.dataflow.privatelink.simulator.msk.MskHttpHandler;
import io.dataflow.privatelink.simulator.msk.MskStore;
import io.dataflow.privatelink.simulator.msk.MskSubnets;
import io.dataflow.privatelink.simulator.msk.MskVpcConnectionState;
import io.dataflow.privatelink.simulator.route53.Route53HttpHandler;
import io.dataflow.privatelink.simulator.route53.Route53Store;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stateful AWS EC2 simulator for the PrivateLink actions, speaking the real EC2 Query protocol so that
 * the AWS SDK's {@code Ec2Client} (with {@code endpointOverride}) and the AWS CLI (with
 * {@code --endpoint-url}) work against it. Route 53 (REST-XML, private hosted zones) and STS are served on
 * the same port, and {@link #resolve} answers what a name resolves to inside a VPC: an interface endpoint's DNS
 * names answer loopback addresses on which the endpoint forwards to its service's backends
 * ({@link #setServiceBackends}) once it is available. Amazon MSK (REST JSON, {@code /v1/…} and {@code /api/v2/…}:
 * clusters, cluster policies, multi-VPC connectivity, VPC connections; see {@link MskHttpHandler}) shares the port
 * too. It runs on the JDK's HttpServer alone and starts in milliseconds. Thread-safe.
 *
 * <p>Accounts are known by access key ({@link #addAccount}); the caller's region is taken from the SigV4
 * credential scope. Control endpoints for the local stack live under {@code /_simulator/} (JSON). Call
 * counts, faults and rate limits: {@link CloudSimulator}.
 */
public final class Ec2Simulator extends CloudSimulator<Ec2SimulatorConfig> {

    private final Ec2Store store;
    private final Route53Store route53;
    private final MskStore msk;

    private Ec2Simulator(SimulatorHttpServer server, Ec2SimulatorConfig config) {
        super(server, config);
        this.store = new Ec2Store(config);
        this.route53 = new Route53Store(config.clock(), config.route53ChangeSyncDelay());
        MskSubnets subnets = (accountId, region, subnetId) -> store.subnet(accountId, region, subnetId)
                .map(s -> new MskSubnets.Placement(s.vpcId(), s.zone().id()));
        this.msk = new MskStore(config.clock(), subnets, config.vpcConnectionAvailableDelay(), config.deletionDelay());
        server.context("/", new Ec2HttpHandler(store, operations(), config));
        // Route 53 is its own service in AWS; here it shares the port, told apart by its REST paths.
        server.context(Route53HttpHandler.PREFIX, new Route53HttpHandler(route53, operations(),
                key -> store.accessKey(key).map(PrivateLinkStore.AccessKey::accountId),
                config.rateBucket(Ec2SimulatorConfig.ROUTE53)));
        // So is MSK, under its own path prefixes.
        MskHttpHandler mskHandler = new MskHttpHandler(msk, operations(),
                key -> store.accessKey(key).map(PrivateLinkStore.AccessKey::accountId),
                config.rateBucket(Ec2SimulatorConfig.MSK));
        MskHttpHandler.PREFIXES.forEach(prefix -> server.context(prefix, mskHandler));
        server.context(Ec2ControlHandler.PREFIX, new Ec2ControlHandler(this));
    }

    /** Starts on {@code port} (0 picks a free one) of {@link Ec2SimulatorConfig#bindAddress()}. */
    public static Ec2Simulator start(int port, Ec2SimulatorConfig config) {
        return launch("ec2-simulator", port, config, Ec2Simulator::new);
    }

    @Override
    protected Map<String, SimulatorStore<?>> stores() {
        return Map.of("ec2", store, "route53", route53, "msk", msk);
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

    // ---- Amazon MSK: clusters (the owner's side) and VPC connections ----

    /**
     * An ACTIVE MSK cluster of {@code ownerAccountId} in {@code region}, with one broker in each of
     * {@code zoneIds} (zones of the region, {@code use1-az1}): provisioned with SASL/SCRAM and IAM client
     * authentication, or serverless (IAM only; no multi-VPC connectivity). Its client subnets (one per zone, in a
     * VPC of its own) are registered as the owner's subnets, so EC2 and MSK agree on their zones; the zone ids
     * are what DescribeClusterV2 reports in {@code brokerNodeGroupInfo.zoneIds}. Multi-VPC connectivity is off
     * and the cluster has no policy: see {@link #enableMultiVpc} and {@link #putMskClusterPolicy}.
     *
     * @return its ARN, {@code arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>-<n>}
     * @throws IllegalArgumentException for no zone ids or one twice, a zone id the region does not have, a name
     *                                  taken in that account and region (a seed run again finds it with
     *                                  {@link #findMskCluster}), or one that is no MSK cluster name
     */
    public String createMskCluster(String ownerAccountId, String region, String name, List<String> zoneIds,
                                   boolean serverless) {
        return createMskCluster(ownerAccountId, region, name, zoneIds, serverless,
                EnumSet.of(MskAuthentication.SASL_SCRAM, MskAuthentication.SASL_IAM));
    }

    /** {@link #createMskCluster(String, String, String, List, boolean)} with these client authentications. */
    public String createMskCluster(String ownerAccountId, String region, String name, List<String> zoneIds,
                                   boolean serverless, Set<MskAuthentication> clientAuthentication) {
        if (zoneIds.isEmpty() || Set.copyOf(zoneIds).size() < zoneIds.size()) {
            throw new IllegalArgumentException("a cluster's brokers are in distinct zones, at least one: " + zoneIds);
        }
        List<AvailabilityZone> zones = store.zonesIn(region);
        String vpcId = "vpc-" + Ids.hex(17);
        Map<String, AvailabilityZone> subnets = new LinkedHashMap<>();
        for (String zoneId : zoneIds) {
            subnets.put("subnet-" + Ids.hex(17), zones.stream().filter(z -> z.id().equals(zoneId)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the region " + region + " has no zone " + zoneId
                            + ": " + zones)));
        }
        Map<String, String> subnetZones = new LinkedHashMap<>();
        subnets.forEach((subnetId, zone) -> subnetZones.put(subnetId, zone.id()));
        String arn = msk.createCluster(ownerAccountId, region, name, serverless, clientAuthentication, vpcId,
                subnetZones, "sg-" + Ids.hex(17));
        subnets.forEach((subnetId, zone) -> registerSubnet(ownerAccountId, vpcId, subnetId, zone.id(), zone.name()));
        return arn;
    }

    /** The ARN of the cluster named {@code name} of that account in that region; empty when there is none. */
    public Optional<String> findMskCluster(String ownerAccountId, String region, String name) {
        return msk.clusterNamed(ownerAccountId, region, name);
    }

    /**
     * The owner turns multi-VPC private connectivity on for {@code authentication} (as UpdateConnectivity does).
     *
     * @throws IllegalArgumentException for an unknown or serverless cluster, or a scheme its clients do not use
     */
    public void enableMultiVpc(String clusterArn, MskAuthentication authentication) {
        msk.setMultiVpc(clusterArn, authentication, true);
    }

    /** The owner turns multi-VPC private connectivity off for {@code authentication}: its connections become INACTIVE. */
    public void disableMultiVpc(String clusterArn, MskAuthentication authentication) {
        msk.setMultiVpc(clusterArn, authentication, false);
    }

    /**
     * The owner's PutClusterPolicy; {@link io.dataflow.privatelink.simulator.msk.MskClusterPolicy#allowingMultiVpc}
     * makes the one the MSK documentation shows.
     *
     * @throws IllegalArgumentException for an unknown cluster or a policy MSK would refuse
     */
    public void putMskClusterPolicy(String clusterArn, String policyJson) {
        msk.putPolicy(clusterArn, policyJson);
    }

    /** Forces a VPC connection's state, e.g. FAILED or INACTIVE; CREATING and DELETING still move on. */
    public void setVpcConnectionState(String vpcConnectionArn, MskVpcConnectionState state) {
        msk.setConnectionState(vpcConnectionArn, state);
    }

    /** The VPC connection's current state, empty once it is gone. */
    public Optional<MskVpcConnectionState> vpcConnectionState(String vpcConnectionArn) {
        return msk.connectionState(vpcConnectionArn);
    }

    /** Removes a VPC connection as if someone deleted it outside the platform (drift); false when there was none. */
    public boolean deleteVpcConnectionOutOfBand(String vpcConnectionArn) {
        return msk.deleteConnectionOutOfBand(vpcConnectionArn);
    }

    /**
     * The truth of the cloud for audits: every MSK VPC connection that still exists (in any account; DELETING
     * counts), by ARN, with the value of its tag {@code key}, null when it has none.
     */
    public Map<String, String> vpcConnectionsTagged(String key) {
        return msk.connectionsTagged(key);
    }
}
