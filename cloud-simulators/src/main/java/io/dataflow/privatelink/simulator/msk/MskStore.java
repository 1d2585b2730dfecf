package io.dataflow.privatelink.simulator.msk;

import io.dataflow.privatelink.simulator.common.CallingAccount;
import io.dataflow.privatelink.simulator.common.Ids;
import io.dataflow.privatelink.simulator.common.SimulatorStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * MSK's state: clusters (with their multi-VPC settings and cluster policies) and VPC connections, in creation
 * order, and the rules that guard them as MSK enforces them for a caller: a cluster is seen only in its region;
 * an account other than its owner may describe it, read its bootstrap brokers, read its policy or connect to it
 * only as far as its cluster policy allows ({@link MskClusterPolicy}); a VPC connection needs multi-VPC
 * connectivity on for its authentication and client subnets of the caller's VPC in at least two of the
 * cluster's zones. Connections move on by themselves: CREATING → AVAILABLE after the available delay,
 * DELETING → gone after the deletion delay, applied lazily on the next request. See {@link SimulatorStore}.
 */
public final class MskStore extends SimulatorStore<MskStore.State> {

    static final class State extends SimulatorStore.State {
        final Map<String, MskCluster> clusters = new LinkedHashMap<>();
        final Map<String, MskVpcConnection> connections = new LinkedHashMap<>();
    }

    /** What CreateVpcConnection asks for (present: the handler checked the required members). */
    record NewConnection(String targetClusterArn, MskAuthentication authentication, String vpcId,
                         List<String> clientSubnets, List<String> securityGroups, Map<String, String> tags) {
    }

    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final Set<MskVpcConnectionState> REJECTABLE =
            EnumSet.of(MskVpcConnectionState.CREATING, MskVpcConnectionState.AVAILABLE, MskVpcConnectionState.INACTIVE);
    // Turning multi-VPC off for a scheme makes these connections using it INACTIVE.
    private static final Set<MskVpcConnectionState> LIVE =
            EnumSet.of(MskVpcConnectionState.CREATING, MskVpcConnectionState.AVAILABLE);

    private final MskSubnets subnets;
    private final Duration availableDelay;
    private final Duration deletionDelay;

    /**
     * @param availableDelay how long a new VPC connection stays CREATING
     * @param deletionDelay  how long a deleted VPC connection stays DELETING before it is gone
     */
    public MskStore(Clock clock, MskSubnets subnets, Duration availableDelay, Duration deletionDelay) {
        super(new State(), clock);
        this.subnets = subnets;
        this.availableDelay = availableDelay;
        this.deletionDelay = deletionDelay;
    }

    // ---- Java API (the owner's side without the API, test hooks) ----

    /**
     * A cluster that is ACTIVE at once: provisioned with one broker per client subnet ({@code subnetZones}:
     * subnet id → zone id, in broker order) or serverless, with these client authentications, multi-VPC
     * connectivity off and no cluster policy. Its ARN.
     *
     * @throws IllegalArgumentException for a name that is not an MSK cluster name or is taken in that account
     *                                  and region, or no subnets
     */
    public synchronized String createCluster(String ownerId, String region, String name, boolean serverless,
                                             Set<MskAuthentication> clientAuthentication, String vpcId,
                                             Map<String, String> subnetZones, String securityGroup) {
        if (!CLUSTER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an MSK cluster name (letters, digits, hyphens, 1-64): " + name);
        }
        if (clusterNamed(ownerId, region, name).isPresent()) {
            throw new IllegalArgumentException("a cluster named " + name + " exists in " + ownerId + " " + region);
        }
        if (subnetZones.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs subnets");
        }
        List<MskCluster.Subnet> placed = new ArrayList<>();
        subnetZones.forEach((subnetId, zoneId) -> placed.add(new MskCluster.Subnet(subnetId, zoneId)));
        String arn = "arn:aws:kafka:" + region + ":" + ownerId + ":cluster/" + name + "/" + resourceId();
        int cell = ThreadLocalRandom.current().nextInt(1, 4);
        String brokerDomain = serverless ? "boot-" + Ids.lowerAlnum(8) + ".c" + cell + ".kafka-serverless." + region
                + ".amazonaws.com" : name + "." + Ids.lowerAlnum(6) + ".c" + cell + ".kafka." + region + ".amazonaws.com";
        state.clusters.put(arn, new MskCluster(arn, ownerId, region, name, serverless, vpcId, placed,
                List.of(securityGroup), serverless ? Set.of(MskAuthentication.SASL_IAM) : clientAuthentication, Set.of(),
                newVersion(), brokerDomain, now(), nextSeq(), null, null));
        return arn;
    }

    /** The ARN of the cluster named {@code name} of that account in that region; empty when there is none. */
    public synchronized Optional<String> clusterNamed(String ownerId, String region, String name) {
        return state.clusters.values().stream().filter(c -> c.ownerId().equals(ownerId) && c.region().equals(region)
                && c.name().equals(name)).map(MskCluster::arn).findFirst();
    }

    /**
     * Turns multi-VPC private connectivity on or off for one scheme, as the owner's UpdateConnectivity would
     * (turned off, the connections using it become INACTIVE).
     *
     * @throws IllegalArgumentException for an unknown cluster, a serverless one, or a scheme its clients do not use
     */
    public synchronized void setMultiVpc(String clusterArn, MskAuthentication authentication, boolean on) {
        MskCluster cluster = existing(state.clusters, clusterArn, "MSK cluster");
        Set<MskAuthentication> schemes = EnumSet.noneOf(MskAuthentication.class);
        schemes.addAll(cluster.multiVpc());
        if (on) {
            schemes.add(authentication);
        } else {
            schemes.remove(authentication);
        }
        try {
            applyConnectivity(cluster, schemes);
        } catch (MskApiError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * PutClusterPolicy as the owner.
     *
     * @throws IllegalArgumentException for an unknown cluster or a policy MSK would refuse
     */
    public synchronized void putPolicy(String clusterArn, String policy) {
        MskCluster cluster = existing(state.clusters, clusterArn, "MSK cluster");
        String problem = MskClusterPolicy.problemWith(policy);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        state.clusters.put(clusterArn, cluster.withPolicy(policy, newVersion()));
    }

    /**
     * Forces a VPC connection's state, e.g. FAILED or INACTIVE; CREATING and DELETING still move on (after their
     * delays from now).
     *
     * @throws IllegalArgumentException for a connection that does not exist (any more)
     */
    public synchronized void setConnectionState(String vpcConnectionArn, MskVpcConnectionState newState) {
        settle();
        put(existing(state.connections, vpcConnectionArn, "VPC connection"), newState);
    }

    /** The connection's state; empty once it is gone. */
    public synchronized Optional<MskVpcConnectionState> connectionState(String vpcConnectionArn) {
        settle();
        return Optional.ofNullable(state.connections.get(vpcConnectionArn)).map(MskVpcConnection::state);
    }

    /** Removes a connection as if someone deleted it outside the platform (drift); false when there was none. */
    public synchronized boolean deleteConnectionOutOfBand(String vpcConnectionArn) {
        return state.connections.remove(vpcConnectionArn) != null;
    }

    /** Every VPC connection not gone (DELETING counts as still there), in any account, by ARN, with its tag {@code key} (null if none). */
    public synchronized Map<String, String> connectionsTagged(String key) {
        settle();
        Map<String, String> out = new LinkedHashMap<>();
        state.connections.values().forEach(c -> out.put(c.arn(), c.tags().get(key)));
        return out;
    }

    // ---- clusters, as the API serves them ----

    /**
     * The cluster, for an action the caller may perform on it: its owner always, another account when the
     * cluster policy allows it {@code kafka:<action>}.
     */
    synchronized MskCluster cluster(CallingAccount caller, String clusterArn, String action) {
        MskCluster cluster = visibleCluster(caller, clusterArn, "clusterArn");
        if (!caller.accountId().equals(cluster.ownerId())
                && !MskClusterPolicy.allows(cluster.policy(), caller.accountId(), action, clusterArn)) {
            throw MskApiError.notAuthorized(caller.accountId(), action, clusterArn);
        }
        return cluster;
    }

    /** GetClusterPolicy: the cluster, which has a policy. */
    synchronized MskCluster clusterWithPolicy(CallingAccount caller, String clusterArn) {
        MskCluster cluster = cluster(caller, clusterArn, "GetClusterPolicy");
        if (cluster.policy() == null) {
            throw MskApiError.notFound("clusterArn", "The cluster " + clusterArn + " has no cluster policy.");
        }
        return cluster;
    }

    /** PutClusterPolicy: the policy's new version. */
    synchronized String putPolicy(CallingAccount caller, String clusterArn, String policy, String currentVersion) {
        MskCluster cluster = ownedCluster(caller, clusterArn, "PutClusterPolicy");
        if (currentVersion != null && !currentVersion.equals(cluster.policyVersion())) {
            throw MskApiError.badRequest("currentVersion", "The currentVersion " + currentVersion
                    + " does not match the current version of the cluster policy.");
        }
        String problem = MskClusterPolicy.problemWith(policy);
        if (problem != null) {
            throw MskApiError.badRequest("policy", problem);
        }
        String version = newVersion();
        state.clusters.put(clusterArn, cluster.withPolicy(policy, version));
        return version;
    }

    synchronized void deletePolicy(CallingAccount caller, String clusterArn) {
        MskCluster cluster = ownedCluster(caller, clusterArn, "DeleteClusterPolicy");
        state.clusters.put(clusterArn, cluster.withPolicy(null, null));
    }

    /**
     * UpdateConnectivity: {@code multiVpc} (null: as it is) becomes the schemes multi-VPC is on for; the cluster
     * after the update, with a new current version.
     */
    synchronized MskCluster updateConnectivity(CallingAccount caller, String clusterArn, String currentVersion,
                                               Set<MskAuthentication> multiVpc) {
        MskCluster cluster = ownedCluster(caller, clusterArn, "UpdateConnectivity");
        if (!cluster.currentVersion().equals(currentVersion)) {
            throw MskApiError.badRequest("currentVersion", "The currentVersion " + currentVersion
                    + " does not match the current version of the cluster (" + cluster.currentVersion() + ").");
        }
        return applyConnectivity(cluster, multiVpc == null ? cluster.multiVpc() : multiVpc);
    }

    private MskCluster applyConnectivity(MskCluster cluster, Set<MskAuthentication> multiVpc) {
        if (cluster.serverless()) {
            throw MskApiError.badRequest("connectivityInfo",
                    "Multi-VPC private connectivity is not supported for serverless clusters.");
        }
        for (MskAuthentication scheme : multiVpc) {
            if (!cluster.clientAuthentication().contains(scheme)) {
                throw MskApiError.badRequest("connectivityInfo", "You can't turn on multi-VPC private connectivity "
                        + "for " + scheme + ": the cluster's client authentication does not include it.");
            }
        }
        settle();
        for (MskVpcConnection c : List.copyOf(state.connections.values())) {
            if (c.targetClusterArn().equals(cluster.arn()) && !multiVpc.contains(c.authentication())
                    && LIVE.contains(c.state())) {
                put(c, MskVpcConnectionState.INACTIVE);
            }
        }
        MskCluster updated = cluster.withMultiVpc(multiVpc, newVersion());
        state.clusters.put(cluster.arn(), updated);
        return updated;
    }

    // ---- VPC connections, the client's side ----

    synchronized MskVpcConnection createConnection(CallingAccount caller, NewConnection cmd) {
        settle();
        MskCluster cluster = visibleCluster(caller, cmd.targetClusterArn(), "targetClusterArn");
        if (cluster.serverless()) {
            throw MskApiError.badRequest("targetClusterArn", "Multi-VPC private connectivity is not supported for "
                    + "serverless clusters: " + cluster.arn() + " is serverless.");
        }
        if (!caller.accountId().equals(cluster.ownerId())
                && !MskClusterPolicy.allows(cluster.policy(), caller.accountId(), "CreateVpcConnection", cluster.arn())) {
            throw MskApiError.notAuthorized(caller.accountId(), "CreateVpcConnection", cluster.arn());
        }
        if (!cluster.multiVpc().contains(cmd.authentication())) {
            throw MskApiError.badRequest("authentication", "Multi-VPC private connectivity is not turned on for "
                    + cmd.authentication() + " on the cluster " + cluster.arn() + ".");
        }
        checkClientSubnets(caller, cmd, cluster);
        Instant now = now();
        MskVpcConnection created = new MskVpcConnection("arn:aws:kafka:" + caller.region() + ":" + caller.accountId()
                + ":vpc-connection/" + cluster.ownerId() + "/" + cluster.name() + "/" + resourceId(),
                caller.accountId(), caller.region(), cluster.arn(), cmd.authentication(), cmd.vpcId(),
                cmd.clientSubnets(), cmd.securityGroups(), cmd.tags(), now, nextSeq(),
                MskVpcConnectionState.CREATING, now.plus(availableDelay));
        state.connections.put(created.arn(), created);
        return created;
    }

    /** Each client subnet is the caller's, in the VPC, in a zone of the cluster, one per zone, at least two zones. */
    private void checkClientSubnets(CallingAccount caller, NewConnection cmd, MskCluster cluster) {
        Set<String> zones = new HashSet<>();
        for (String subnetId : new LinkedHashSet<>(cmd.clientSubnets())) {
            MskSubnets.Placement placement = subnets.find(caller.accountId(), caller.region(), subnetId)
                    .orElseThrow(() -> MskApiError.badRequest("clientSubnets",
                            "The subnet " + subnetId + " does not exist."));
            if (!placement.vpcId().equals(cmd.vpcId())) {
                throw MskApiError.badRequest("clientSubnets", "The subnet " + subnetId + " does not belong to the VPC "
                        + cmd.vpcId() + ".");
            }
            if (!cluster.zoneIds().contains(placement.zoneId())) {
                throw MskApiError.badRequest("clientSubnets", "The subnet " + subnetId + " is in the availability zone "
                        + placement.zoneId() + ", where the cluster has no brokers. The zone IDs of the client subnets "
                        + "must match those of the cluster: " + String.join(", ", cluster.zoneIds()) + ".");
            }
            if (!zones.add(placement.zoneId())) {
                throw MskApiError.badRequest("clientSubnets", "Specify at most one client subnet per availability "
                        + "zone: " + subnetId + " is a second subnet in " + placement.zoneId() + ".");
            }
        }
        if (zones.size() < 2) {
            throw MskApiError.badRequest("clientSubnets", "Specify client subnets in at least two of the cluster's "
                    + "availability zones (" + String.join(", ", cluster.zoneIds()) + ").");
        }
    }

    /** The caller's connection in its region. */
    synchronized MskVpcConnection ownedConnection(CallingAccount caller, String arn) {
        settle();
        MskVpcConnection c = state.connections.get(arn);
        if (c == null || !c.ownerId().equals(caller.accountId()) || !c.region().equals(caller.region())) {
            throw MskApiError.notFound("arn", "The VPC connection " + arn + " does not exist.");
        }
        return c;
    }

    /** The caller's connections in its region, in creation order. */
    synchronized List<MskVpcConnection> ownedConnections(CallingAccount caller) {
        settle();
        return state.connections.values().stream()
                .filter(c -> c.ownerId().equals(caller.accountId()) && c.region().equals(caller.region())).toList();
    }

    /** DeleteVpcConnection: the connection, DELETING (a second delete changes nothing). */
    synchronized MskVpcConnection deleteConnection(CallingAccount caller, String arn) {
        MskVpcConnection c = ownedConnection(caller, arn);
        return c.state() == MskVpcConnectionState.DELETING ? c : put(c, MskVpcConnectionState.DELETING);
    }

    // ---- VPC connections, the cluster owner's side ----

    /** ListClientVpcConnections: the connections (of any account) to the caller's cluster, in creation order. */
    synchronized List<MskVpcConnection> clientConnections(CallingAccount caller, String clusterArn) {
        ownedCluster(caller, clusterArn, "ListClientVpcConnections");
        settle();
        return state.connections.values().stream().filter(c -> c.targetClusterArn().equals(clusterArn)).toList();
    }

    /** RejectClientVpcConnection: the connection to the caller's cluster becomes REJECTED. */
    synchronized void reject(CallingAccount caller, String clusterArn, String vpcConnectionArn) {
        ownedCluster(caller, clusterArn, "RejectClientVpcConnection");
        settle();
        MskVpcConnection c = state.connections.get(vpcConnectionArn);
        if (c == null || !c.targetClusterArn().equals(clusterArn)) {
            throw MskApiError.notFound("vpcConnectionArn", "The VPC connection " + vpcConnectionArn
                    + " to the cluster " + clusterArn + " does not exist.");
        }
        if (!REJECTABLE.contains(c.state())) {
            throw MskApiError.badRequest("vpcConnectionArn", "The VPC connection " + vpcConnectionArn + " is "
                    + c.state() + " and cannot be rejected.");
        }
        put(c, MskVpcConnectionState.REJECTED);
    }

    /** ListTagsForResource: the tags of the caller's VPC connection, or of its cluster (none). */
    synchronized Map<String, String> tags(CallingAccount caller, String resourceArn) {
        settle();
        MskVpcConnection c = state.connections.get(resourceArn);
        if (c != null && c.ownerId().equals(caller.accountId()) && c.region().equals(caller.region())) {
            return c.tags();
        }
        MskCluster cluster = state.clusters.get(resourceArn);
        if (cluster != null && cluster.ownerId().equals(caller.accountId()) && cluster.region().equals(caller.region())) {
            return Map.of();
        }
        throw MskApiError.notFound("resourceArn", "The resource " + resourceArn + " does not exist.");
    }

    // ---- internals ----

    /** The cluster the ARN names, in the caller's region (MSK is regional: another region's is not found). */
    private MskCluster visibleCluster(CallingAccount caller, String clusterArn, String parameter) {
        if (!MskArn.parse(clusterArn).map(MskArn::isCluster).orElse(false)) {
            throw MskApiError.badRequest(parameter, "The ARN " + clusterArn + " is not a valid MSK cluster ARN.");
        }
        MskCluster cluster = state.clusters.get(clusterArn);
        if (cluster == null || !cluster.region().equals(caller.region())) {
            throw MskApiError.clusterNotFound(clusterArn);
        }
        return cluster;
    }

    /** The cluster, for an action only its owner may perform. */
    private MskCluster ownedCluster(CallingAccount caller, String clusterArn, String action) {
        MskCluster cluster = visibleCluster(caller, clusterArn, "clusterArn");
        if (!cluster.ownerId().equals(caller.accountId())) {
            throw MskApiError.notAuthorized(caller.accountId(), action, clusterArn);
        }
        return cluster;
    }

    /** Stores the connection in {@code newState}, with the timer that state implies; returns it. */
    private MskVpcConnection put(MskVpcConnection c, MskVpcConnectionState newState) {
        Duration delay = switch (newState) {
            case CREATING -> availableDelay;
            case DELETING -> deletionDelay;
            default -> null;
        };
        MskVpcConnection updated = c.withState(newState, delay == null ? null : now().plus(delay));
        state.connections.put(c.arn(), updated);
        return updated;
    }

    /** Applies the connections' due timers: CREATING → AVAILABLE, DELETING → gone. */
    private void settle() {
        Instant now = now();
        for (Iterator<Map.Entry<String, MskVpcConnection>> it = state.connections.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, MskVpcConnection> entry = it.next();
            MskVpcConnection c = entry.getValue();
            if (c.transitionAt() == null || now.isBefore(c.transitionAt())) {
                continue;
            }
            if (c.state() == MskVpcConnectionState.DELETING) {
                it.remove();
            } else {
                entry.setValue(c.withState(c.state() == MskVpcConnectionState.CREATING ? MskVpcConnectionState.AVAILABLE
                        : c.state(), null));
            }
        }
    }

    /** What ends a cluster's or connection's ARN: a UUID and a cell number. */
    private static String resourceId() {
        return UUID.randomUUID() + "-" + ThreadLocalRandom.current().nextInt(1, 26);
    }

    /** A cluster or policy version as MSK spells them ({@code K3AEGXETSR30VB}). */
    private static String newVersion() {
        return "K" + Ids.lowerAlnum(13).toUpperCase(Locale.ROOT);
    }
}
