package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.CallingAccount;
import io.dataflow.privatelink.simulator.common.Ids;
import io.dataflow.privatelink.simulator.common.PrivateLinkStore;
import io.dataflow.privatelink.simulator.ec2.Ec2EndpointService.AllowedPrincipal;
import io.dataflow.privatelink.simulator.ec2.QueryRequest.Tag;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** All simulated EC2 state (and STS's roles) and the rules that guard it; see {@link PrivateLinkStore}. */
final class Ec2Store extends PrivateLinkStore<Ec2EndpointService, Ec2VpcEndpoint, Ec2Store.State> {

    static final class State extends PrivateLinkStore.State<Ec2EndpointService, Ec2VpcEndpoint> {
        // IAM role ARN → the account its trust policy lets assume it (STS AssumeRole)
        final Map<String, String> roleTrust = new HashMap<>();
        final Map<String, Subnet> subnets = new HashMap<>();
        final Map<String, LoadBalancer> loadBalancers = new HashMap<>();
        // Services whose descriptions carry zone names only, as older API responses and some emulators do.
        final Set<String> describedByZoneNames = new HashSet<>();
    }

    /** A subnet registered through the Java API; EC2 subnets themselves are not simulated. */
    record Subnet(String accountId, String vpcId, String subnetId, AvailabilityZone zone) implements Serializable {
    }

    /** A network load balancer, reduced to what PrivateLink cares about: whose it is and where it runs. */
    private record LoadBalancer(String accountId, List<AvailabilityZone> zones) implements Serializable {
    }

    /** One entry of EC2's {@code unsuccessful} set: batch actions report per-id failures here, not as an error. */
    record UnsuccessfulItem(String resourceId, String code, String message) {
    }

    record Connection(Ec2VpcEndpoint endpoint, Ec2EndpointService service) {
    }

    record NewEndpoint(String vpcId, String serviceName, List<String> subnetIds, List<String> securityGroupIds,
                       List<Tag> tags, boolean privateDnsEnabled, String policyDocument,
                       String clientToken, String fingerprint) {
    }

    record NewService(List<String> loadBalancerArns, Acceptance acceptance, String privateDnsName,
                      List<Tag> tags, String clientToken, String fingerprint) {
    }

    private final Ec2SimulatorConfig config;

    Ec2Store(Ec2SimulatorConfig config) {
        super(new State(), config.clock(), Ec2ApiError::serviceIdNotFound, Ec2ApiError::idempotentParameterMismatch);
        this.config = config;
    }

    // ---- registration (Java API) ----

    /** A role in the account of its ARN whose trust policy lets {@code trustedAccountId} assume it. */
    synchronized void addRole(String roleArn, String trustedAccountId) {
        state.roleTrust.put(roleArn, trustedAccountId);
    }

    /**
     * STS AssumeRole: the access key of temporary credentials of the role's account, for a caller its trust
     * policy names; AccessDenied (403) for any other caller or an unknown role, as STS answers both.
     */
    synchronized String assumeRole(String callerAccountId, String roleArn) {
        if (!callerAccountId.equals(state.roleTrust.get(roleArn))) {
            throw new Ec2ApiError(403, "AccessDenied", "User: arn:aws:iam::" + callerAccountId + ":user/simulated "
                    + "is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        }
        String accessKeyId = "ASIA" + Ids.lowerAlnum(16).toUpperCase(Locale.ROOT);
        state.accessKeys.put(accessKeyId, new AccessKey(roleArn.split(":", -1)[4], null));
        return accessKeyId;
    }

    synchronized void registerSubnet(Subnet subnet) {
        if (subnet.zone().region() == null) {
            throw new IllegalArgumentException("zone name must look like <region><letter>: " + subnet.zone().name());
        }
        state.subnets.put(subnet.subnetId(), subnet);
    }

    synchronized void registerLoadBalancer(String accountId, String arn, List<AvailabilityZone> zones) {
        state.loadBalancers.put(arn, new LoadBalancer(accountId, List.copyOf(zones)));
    }

    /** The subnet {@code subnetId} of that account in that region; empty when it has none there. */
    synchronized Optional<Subnet> subnet(String accountId, String region, String subnetId) {
        return Optional.ofNullable(state.subnets.get(subnetId))
                .filter(s -> s.accountId().equals(accountId) && region.equals(s.zone().region()));
    }

    /** The region's zones: those of registered subnets, then the region's defaults for ids not seen yet. */
    synchronized List<AvailabilityZone> zonesIn(String region) {
        Map<String, AvailabilityZone> byId = new LinkedHashMap<>();
        state.subnets.values().stream().filter(s -> region.equals(s.zone().region()))
                .forEach(s -> byId.putIfAbsent(s.zone().id(), s.zone()));
        Set<String> names = new HashSet<>();
        byId.values().forEach(z -> names.add(z.name()));
        config.zonesOf(region).stream().filter(z -> !byId.containsKey(z.id()) && !names.contains(z.name()))
                .forEach(z -> byId.put(z.id(), z));
        return List.copyOf(byId.values());
    }

    // ---- consumer side ----

    synchronized Ec2VpcEndpoint createEndpoint(CallingAccount caller, NewEndpoint cmd) {
        settle();
        String scope = tokenScope(caller);
        Optional<Ec2VpcEndpoint> replayed = replayEndpoint(scope, cmd.clientToken(), cmd.fingerprint());
        if (replayed.isPresent()) {
            return replayed.get();
        }
        boolean vpcKnown = state.subnets.values().stream().anyMatch(s -> s.accountId().equals(caller.accountId())
                && s.vpcId().equals(cmd.vpcId()) && caller.region().equals(s.zone().region()));
        if (!vpcKnown) {
            throw Ec2ApiError.badRequest("InvalidVpcId.NotFound", "The vpc ID '" + cmd.vpcId() + "' does not exist");
        }
        Ec2EndpointService service = state.services.values().stream()
                .filter(s -> s.serviceName().equals(cmd.serviceName()) && s.visibleTo(caller))
                .findFirst()
                .orElseThrow(() -> Ec2ApiError.serviceNotFound(cmd.serviceName()));
        List<Subnet> chosen = resolveSubnets(caller, cmd, service);
        Instant now = now();
        Ec2VpcEndpoint created = new Ec2VpcEndpoint("vpce-" + Ids.hex(17), caller.accountId(), caller.region(),
                cmd.vpcId(), service.serviceId(), service.serviceName(), chosen, cmd.securityGroupIds(),
                chosen.stream().map(s -> "eni-" + Ids.hex(17)).toList(), cmd.tags(),
                cmd.policyDocument() == null ? Ec2VpcEndpoint.DEFAULT_POLICY : cmd.policyDocument(),
                cmd.privateDnsEnabled(), Ids.lowerAlnum(8), "vpce-con-" + Ids.hex(17), now, nextSeq(), null, null)
                .withState(service.acceptance() == Acceptance.MANUAL ? VpcEndpointState.PENDING_ACCEPTANCE
                        : VpcEndpointState.PENDING, now, config);
        put(created);
        return remember(state.endpointTokens, scope, cmd.clientToken(), cmd.fingerprint(), created);
    }

    private List<Subnet> resolveSubnets(CallingAccount caller, NewEndpoint cmd, Ec2EndpointService service) {
        List<Subnet> chosen = new ArrayList<>();
        Set<String> zoneIds = new HashSet<>();
        for (String subnetId : new LinkedHashSet<>(cmd.subnetIds())) {
            Subnet subnet = state.subnets.get(subnetId);
            if (subnet == null || !subnet.accountId().equals(caller.accountId())
                    || !caller.region().equals(subnet.zone().region())) {
                throw Ec2ApiError.badRequest("InvalidSubnetID.NotFound", "The subnet ID '" + subnetId + "' does not exist");
            }
            if (!subnet.vpcId().equals(cmd.vpcId())) {
                throw Ec2ApiError.invalidParameter(
                        "The subnet ID '" + subnetId + "' does not belong to the VPC '" + cmd.vpcId() + "'");
            }
            if (!service.offersZone(subnet.zone().id())) {
                throw Ec2ApiError.invalidParameter("The VPC endpoint service " + service.serviceName()
                        + " does not support the availability zone of the subnet: " + subnetId + ".");
            }
            if (!zoneIds.add(subnet.zone().id())) {
                throw Ec2ApiError.badRequest("DuplicateSubnetsInSameZone", "Found another VPC endpoint subnet in the "
                        + "availability zone of " + subnetId + ". VPC endpoint subnets should be in different "
                        + "availability zones supported by the VPC endpoint service.");
            }
            chosen.add(subnet);
        }
        return chosen;
    }

    /** The caller's endpoints in creation order; explicitly requested ids must all exist. */
    synchronized List<Ec2VpcEndpoint> describeEndpoints(CallingAccount caller, List<String> ids) {
        List<Ec2VpcEndpoint> own = ownedEndpoints(caller);
        if (ids.isEmpty()) {
            return own;
        }
        Set<String> wanted = new LinkedHashSet<>(ids);
        List<Ec2VpcEndpoint> found = own.stream().filter(e -> wanted.contains(e.endpointId())).toList();
        if (found.size() < wanted.size()) {
            found.forEach(e -> wanted.remove(e.endpointId()));
            throw Ec2ApiError.endpointIdsNotFound(String.join(", ", wanted));
        }
        return found;
    }

    synchronized List<UnsuccessfulItem> deleteEndpoints(CallingAccount caller, List<String> ids) {
        settle();
        List<UnsuccessfulItem> unsuccessful = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            Ec2VpcEndpoint ep = state.endpoints.get(id);
            if (ep == null || !owns(caller, ep.ownerId(), ep.region())) {
                unsuccessful.add(endpointNotFound(id, "InvalidVpcEndpoint.NotFound"));
            } else if (ep.state() != VpcEndpointState.DELETING) {
                put(ep.withState(VpcEndpointState.DELETING, now(), config));
            }
        }
        return unsuccessful;
    }

    synchronized boolean describedByZoneNamesOnly(String serviceId) {
        return state.describedByZoneNames.contains(serviceId);
    }

    // ---- provider side ----

    synchronized Ec2EndpointService createService(CallingAccount caller, NewService cmd) {
        String scope = tokenScope(caller);
        Optional<Ec2EndpointService> replayed = replayService(scope, cmd.clientToken(), cmd.fingerprint());
        if (replayed.isPresent()) {
            return replayed.get();
        }
        if (cmd.loadBalancerArns().isEmpty()) {
            throw Ec2ApiError.invalidParameter("Exactly one of NetworkLoadBalancerArns or GatewayLoadBalancerArns "
                    + "must be specified");
        }
        Map<String, AvailabilityZone> zones = new LinkedHashMap<>();
        for (String arn : cmd.loadBalancerArns()) {
            String[] parts = arn.split(":", 6);
            if (parts.length == 6 && parts[0].equals("arn") && !parts[3].isEmpty() && !parts[3].equals(caller.region())) {
                throw Ec2ApiError.invalidParameter("The load balancer " + arn + " is not in region " + caller.region());
            }
            // Unregistered load balancers span the region's default zones, so any ARN works out of the box.
            LoadBalancer lb = state.loadBalancers.getOrDefault(arn,
                    new LoadBalancer(caller.accountId(), config.zonesOf(caller.region())));
            if (!lb.accountId().equals(caller.accountId())) {
                throw Ec2ApiError.invalidParameter("The load balancer " + arn + " was not found");
            }
            lb.zones().forEach(z -> zones.putIfAbsent(z.id(), z));
        }
        Ec2EndpointService created = newService(caller.accountId(), caller.region(), cmd.acceptance(),
                List.copyOf(zones.values()), cmd.loadBalancerArns(), cmd.privateDnsName(), cmd.tags());
        return remember(state.serviceTokens, scope, cmd.clientToken(), cmd.fingerprint(), created);
    }

    synchronized Ec2EndpointService createServiceDirect(String ownerAccountId, String region, Acceptance acceptance,
                                                        List<AvailabilityZone> zones) {
        return newService(ownerAccountId, region, acceptance, zones, List.of(), null, List.of());
    }

    private Ec2EndpointService newService(String ownerId, String region, Acceptance acceptance,
                                          List<AvailabilityZone> zones, List<String> loadBalancerArns,
                                          String privateDnsName, List<Tag> tags) {
        String serviceId = "vpce-svc-" + Ids.hex(17);
        Ec2EndpointService created = new Ec2EndpointService(serviceId, Ec2EndpointService.nameFor(region, serviceId),
                ownerId, region, acceptance, zones, loadBalancerArns, privateDnsName, tags, nextSeq(), Map.of());
        state.services.put(serviceId, created);
        return created;
    }

    /** Adds then removes principals; returns the entries for the added ones (existing entries are kept). */
    synchronized List<AllowedPrincipal> modifyPermissions(CallingAccount caller, String serviceId,
                                                          List<String> add, List<String> remove) {
        Ec2EndpointService service = ownedService(caller, serviceId);
        Map<String, AllowedPrincipal> principals = new LinkedHashMap<>(service.allowedPrincipals());
        List<AllowedPrincipal> added = new ArrayList<>();
        for (String principal : add) {
            if (!principal.equals("*") && !principal.startsWith("arn:")) {
                throw Ec2ApiError.invalidParameter("Invalid principal " + principal + ": expected an ARN or *");
            }
            added.add(principals.computeIfAbsent(principal,
                    p -> new AllowedPrincipal(p, "vpce-svc-perm-" + Ids.hex(17), serviceId, nextSeq())));
        }
        remove.forEach(principals::remove);
        state.services.put(serviceId, service.withPrincipals(principals.values()));
        return added;
    }

    synchronized List<AllowedPrincipal> permissions(CallingAccount caller, String serviceId) {
        return List.copyOf(ownedService(caller, serviceId).allowedPrincipals().values());
    }

    /** Endpoints (of any account) connected to the caller's services, in creation order. */
    synchronized List<Connection> connections(CallingAccount caller) {
        settle();
        List<Connection> result = new ArrayList<>();
        for (Ec2VpcEndpoint ep : state.endpoints.values()) {
            Ec2EndpointService service = state.services.get(ep.serviceId());
            if (service != null && owns(caller, service.ownerId(), service.region())) {
                result.add(new Connection(ep, service));
            }
        }
        return result;
    }

    /** Accepts or rejects connections to one of the caller's services. */
    synchronized List<UnsuccessfulItem> decide(CallingAccount caller, String serviceId, List<String> ids,
                                               boolean accept) {
        settle();
        ownedService(caller, serviceId);
        List<UnsuccessfulItem> unsuccessful = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            Ec2VpcEndpoint ep = state.endpoints.get(id);
            if (ep == null || !ep.serviceId().equals(serviceId)) {
                unsuccessful.add(endpointNotFound(id, "InvalidVpcEndpointId.NotFound"));
                continue;
            }
            VpcEndpointState current = ep.state();
            VpcEndpointState next = switch (current) {
                // A rejected connection can still be accepted later, as in AWS.
                case PENDING_ACCEPTANCE, REJECTED -> accept ? VpcEndpointState.PENDING : VpcEndpointState.REJECTED;
                case PENDING, AVAILABLE -> accept ? current : VpcEndpointState.REJECTED;
                default -> null;
            };
            if (next == null) {
                unsuccessful.add(new UnsuccessfulItem(id, "IncorrectState", "The Vpc Endpoint '" + id + "' is in state "
                        + current.wireValue() + " and cannot be " + (accept ? "accepted" : "rejected")));
            } else if (next != current) {
                put(ep.withState(next, now(), config));
            }
        }
        return unsuccessful;
    }

    // ---- test hooks (Java API) ----

    synchronized void setEndpointState(String endpointId, VpcEndpointState newState) {
        settle();
        put(existing(state.endpoints, endpointId, "VPC endpoint").withState(newState, now(), config));
    }

    synchronized void allowPrincipal(String serviceId, String principal) {
        modifyPermissions(ownerOf(serviceId), serviceId, List.of(principal), List.of());
    }

    synchronized void describeByZoneNamesOnly(String serviceId) {
        state.describedByZoneNames.add(serviceId);
    }

    /** Every endpoint not deleted (deleting counts as still there), by id, with its tag {@code key} (null if none). */
    synchronized Map<String, String> endpointsTagged(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        state.endpoints.values().stream().filter(e -> e.state() != VpcEndpointState.DELETED)
                .forEach(e -> out.put(e.endpointId(), e.tags().stream().filter(t -> t.key().equals(key))
                        .map(Tag::value).findFirst().orElse(null)));
        return out;
    }

    // ---- internals ----

    /** EC2 scopes ClientTokens like resources, by account and region. */
    private static String tokenScope(CallingAccount caller) {
        return caller.accountId() + "|" + caller.region();
    }

    private static UnsuccessfulItem endpointNotFound(String id, String code) {
        return new UnsuccessfulItem(id, code, "The Vpc Endpoint Id '" + id + "' does not exist");
    }

    /** Pending → available, deleting → gone. */
    @Override
    protected Ec2VpcEndpoint advance(Ec2VpcEndpoint ep, Instant at) {
        return ep.state() == VpcEndpointState.DELETING ? null
                : ep.withState(ep.state() == VpcEndpointState.PENDING ? VpcEndpointState.AVAILABLE : ep.state(), at,
                config);
    }
}
