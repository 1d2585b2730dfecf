package io.dataflow.privatelink.simulator.ec2;

import io.dataflow.privatelink.simulator.ec2.EndpointService.AllowedPrincipal;
import io.dataflow.privatelink.simulator.common.StateFile;
import io.dataflow.privatelink.simulator.ec2.QueryRequest.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * All simulated EC2 state and the rules that guard it. Every method is synchronized: requests are small and
 * one lock keeps multi-step rules (ClientToken idempotency, accept-then-transition) trivially atomic.
 * Values handed out are immutable records, so callers render them without holding the lock.
 */
final class Ec2Store {

    private final Ec2SimulatorConfig config;
    private final Map<String, String> accountsByAccessKey = new HashMap<>();
    // IAM role ARN → the account its trust policy lets assume it (STS AssumeRole)
    private final Map<String, String> roleTrust = new HashMap<>();
    private final Map<String, Subnet> subnets = new HashMap<>();
    private final Map<String, LoadBalancer> loadBalancers = new HashMap<>();
    // Insertion order = creation order = pagination order.
    private final Map<String, EndpointService> services = new LinkedHashMap<>();
    private final Map<String, VpcEndpoint> endpoints = new LinkedHashMap<>();
    // ClientToken → what it created; tokens are scoped like resources: "accountId|region|token".
    private final Map<String, TokenUse<VpcEndpoint>> endpointTokens = new HashMap<>();
    private final Map<String, TokenUse<EndpointService>> serviceTokens = new HashMap<>();
    // Endpoints whose state moves on by itself; checked lazily at the start of each operation.
    private final Set<String> timedEndpoints = new HashSet<>();
    // Services whose descriptions carry zone names only, as older API responses and some emulators do.
    private final Set<String> describedByZoneNames = new HashSet<>();
    private long seq;

    Ec2Store(Ec2SimulatorConfig config) {
        this.config = config;
    }

    // ---- persistence (CloudSimulator#keepStateIn) ----

    synchronized byte[] snapshot() {
        return StateFile.serialize(accountsByAccessKey, subnets, loadBalancers, services, endpoints, endpointTokens,
                serviceTokens, timedEndpoints, seq, describedByZoneNames, roleTrust);
    }

    @SuppressWarnings("unchecked")
    synchronized void restore(Object[] parts) {
        accountsByAccessKey.putAll((Map<String, String>) parts[0]);
        subnets.putAll((Map<String, Subnet>) parts[1]);
        loadBalancers.putAll((Map<String, LoadBalancer>) parts[2]);
        services.putAll((Map<String, EndpointService>) parts[3]);
        endpoints.putAll((Map<String, VpcEndpoint>) parts[4]);
        endpointTokens.putAll((Map<String, TokenUse<VpcEndpoint>>) parts[5]);
        serviceTokens.putAll((Map<String, TokenUse<EndpointService>>) parts[6]);
        timedEndpoints.addAll((Set<String>) parts[7]);
        seq = (Long) parts[8];
        describedByZoneNames.addAll((Set<String>) parts[9]);
        if (parts.length > 10) { // state files written before roles existed have none
            roleTrust.putAll((Map<String, String>) parts[10]);
        }
    }

    synchronized void describeByZoneNamesOnly(String serviceId) {
        describedByZoneNames.add(serviceId);
    }

    synchronized boolean describedByZoneNamesOnly(String serviceId) {
        return describedByZoneNames.contains(serviceId);
    }

    // ---- registration (Java API) ----

    synchronized void addAccount(String accountId, String accessKeyId) {
        accountsByAccessKey.put(accessKeyId, accountId);
    }

    /** A role in the account of its ARN whose trust policy lets {@code trustedAccountId} assume it. */
    synchronized void addRole(String roleArn, String trustedAccountId) {
        roleTrust.put(roleArn, trustedAccountId);
    }

    /**
     * STS AssumeRole: temporary credentials of the role's account, for a caller its trust policy names;
     * AccessDenied (403) for any other caller or an unknown role, as STS answers both.
     */
    synchronized String assumeRole(String callerAccountId, String roleArn) {
        if (!callerAccountId.equals(roleTrust.get(roleArn))) {
            throw new Ec2ApiError(403, "AccessDenied", "User: arn:aws:iam::" + callerAccountId + ":user/simulated "
                    + "is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        }
        String roleAccount = roleArn.split(":")[4];
        String accessKeyId = "ASIA" + io.dataflow.privatelink.simulator.common.Ids.lowerAlnum(16).toUpperCase(java.util.Locale.ROOT);
        accountsByAccessKey.put(accessKeyId, roleAccount);
        return accessKeyId;
    }

    synchronized Optional<String> accountForAccessKey(String accessKeyId) {
        return Optional.ofNullable(accountsByAccessKey.get(accessKeyId));
    }

    /** The region's zones: those of registered subnets, then the region's defaults for ids not seen yet. */
    synchronized List<AvailabilityZone> zonesIn(String region) {
        Map<String, AvailabilityZone> byId = new LinkedHashMap<>();
        subnets.values().stream().filter(s -> region.equals(s.region()))
                .forEach(s -> byId.putIfAbsent(s.zone().id(), s.zone()));
        Set<String> names = new HashSet<>();
        byId.values().forEach(z -> names.add(z.name()));
        for (AvailabilityZone zone : config.zonesOf(region)) {
            if (!byId.containsKey(zone.id()) && !names.contains(zone.name())) {
                byId.put(zone.id(), zone);
            }
        }
        return List.copyOf(byId.values());
    }

    /** The endpoint with this id, whoever owns it (the resolver's view of the network). */
    synchronized Optional<VpcEndpoint> endpointById(String endpointId) {
        return Optional.ofNullable(endpoints.get(endpointId));
    }

    synchronized void registerSubnet(Subnet subnet) {
        if (subnet.region() == null) {
            throw new IllegalArgumentException("zone name must look like <region><letter>: " + subnet.zone().name());
        }
        subnets.put(subnet.subnetId(), subnet);
    }

    synchronized void registerLoadBalancer(String accountId, String arn, List<AvailabilityZone> zones) {
        loadBalancers.put(arn, new LoadBalancer(accountId, List.copyOf(zones)));
    }

    /** A network load balancer, reduced to what PrivateLink cares about: whose it is and where it runs. */
    private record LoadBalancer(String accountId, List<AvailabilityZone> zones) implements java.io.Serializable {
    }

    // ---- consumer side ----

    record NewEndpoint(String vpcId, String serviceName, List<String> subnetIds, List<String> securityGroupIds,
                       List<Tag> tags, boolean privateDnsEnabled, String policyDocument,
                       String clientToken, String fingerprint) {
    }

    synchronized VpcEndpoint createEndpoint(Caller caller, NewEndpoint cmd) {
        settle();
        String tokenKey = cmd.clientToken() == null ? null : caller.accountId() + "|" + caller.region() + "|" + cmd.clientToken();
        if (tokenKey != null && endpointTokens.containsKey(tokenKey)) {
            TokenUse<VpcEndpoint> use = checkReplay(endpointTokens.get(tokenKey), cmd.fingerprint());
            // A replay answers with the endpoint as it is now; if it is gone, as it was created.
            return endpoints.getOrDefault(use.created().endpointId(), use.created());
        }
        boolean vpcKnown = subnets.values().stream().anyMatch(s -> s.accountId().equals(caller.accountId())
                && s.vpcId().equals(cmd.vpcId()) && caller.region().equals(s.region()));
        if (!vpcKnown) {
            throw Ec2ApiError.badRequest("InvalidVpcId.NotFound", "The vpc ID '" + cmd.vpcId() + "' does not exist");
        }
        EndpointService service = services.values().stream()
                .filter(s -> s.serviceName().equals(cmd.serviceName()) && s.visibleTo(caller))
                .findFirst()
                .orElseThrow(() -> Ec2ApiError.serviceNotFound(cmd.serviceName()));
        List<Subnet> chosen = resolveSubnets(caller, cmd, service);

        Instant now = now();
        List<String> enis = chosen.stream().map(s -> Ids.networkInterfaceId()).toList();
        VpcEndpoint created = new VpcEndpoint(Ids.vpcEndpointId(), caller.accountId(), caller.region(), cmd.vpcId(),
                service.serviceId(), service.serviceName(), chosen, cmd.securityGroupIds(), enis, cmd.tags(),
                cmd.policyDocument() == null ? VpcEndpoint.DEFAULT_POLICY : cmd.policyDocument(),
                cmd.privateDnsEnabled(), Ids.dnsLabel(), Ids.connectionId(), now, ++seq, null, null)
                .withState(service.acceptanceRequired() ? VpcEndpointState.PENDING_ACCEPTANCE : VpcEndpointState.PENDING,
                        now, config.availableDelay(), config.deletionDelay());
        putEndpoint(created);
        if (tokenKey != null) {
            endpointTokens.put(tokenKey, new TokenUse<>(cmd.fingerprint(), created));
        }
        return created;
    }

    private List<Subnet> resolveSubnets(Caller caller, NewEndpoint cmd, EndpointService service) {
        List<Subnet> chosen = new ArrayList<>();
        Set<String> zoneIds = new HashSet<>();
        for (String subnetId : new LinkedHashSet<>(cmd.subnetIds())) {
            Subnet subnet = subnets.get(subnetId);
            if (subnet == null || !subnet.accountId().equals(caller.accountId())
                    || !caller.region().equals(subnet.region())) {
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
    synchronized List<VpcEndpoint> describeEndpoints(Caller caller, List<String> ids) {
        settle();
        List<VpcEndpoint> own = endpoints.values().stream().filter(e -> ownedBy(e, caller)).toList();
        if (ids.isEmpty()) {
            return own;
        }
        Set<String> wanted = new LinkedHashSet<>(ids);
        List<VpcEndpoint> found = own.stream().filter(e -> wanted.contains(e.endpointId())).toList();
        if (found.size() < wanted.size()) {
            found.forEach(e -> wanted.remove(e.endpointId()));
            throw Ec2ApiError.endpointIdsNotFound(String.join(", ", wanted));
        }
        return found;
    }

    synchronized List<UnsuccessfulItem> deleteEndpoints(Caller caller, List<String> ids) {
        settle();
        List<UnsuccessfulItem> unsuccessful = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            VpcEndpoint ep = endpoints.get(id);
            if (ep == null || !ownedBy(ep, caller)) {
                unsuccessful.add(UnsuccessfulItem.endpointNotFound(id, "InvalidVpcEndpoint.NotFound"));
            } else if (ep.state() != VpcEndpointState.DELETING) {
                putEndpoint(transition(ep, VpcEndpointState.DELETING));
            }
        }
        return unsuccessful;
    }

    synchronized List<EndpointService> visibleServices(Caller caller) {
        return services.values().stream().filter(s -> s.visibleTo(caller)).toList();
    }

    // ---- provider side ----

    record NewService(List<String> loadBalancerArns, boolean acceptanceRequired, String privateDnsName,
                      List<Tag> tags, String clientToken, String fingerprint) {
    }

    synchronized EndpointService createService(Caller caller, NewService cmd) {
        String tokenKey = cmd.clientToken() == null ? null : caller.accountId() + "|" + caller.region() + "|" + cmd.clientToken();
        if (tokenKey != null && serviceTokens.containsKey(tokenKey)) {
            TokenUse<EndpointService> use = checkReplay(serviceTokens.get(tokenKey), cmd.fingerprint());
            return services.getOrDefault(use.created().serviceId(), use.created());
        }
        if (cmd.loadBalancerArns().isEmpty()) {
            throw Ec2ApiError.invalidParameter("Exactly one of NetworkLoadBalancerArns or GatewayLoadBalancerArns "
                    + "must be specified");
        }
        Map<String, AvailabilityZone> zones = new LinkedHashMap<>();
        for (String arn : cmd.loadBalancerArns()) {
            String arnRegion = arnRegion(arn);
            if (arnRegion != null && !arnRegion.equals(caller.region())) {
                throw Ec2ApiError.invalidParameter("The load balancer " + arn + " is not in region " + caller.region());
            }
            // Unregistered load balancers span the region's default zones, so any ARN works out of the box.
            LoadBalancer lb = loadBalancers.getOrDefault(arn,
                    new LoadBalancer(caller.accountId(), config.zonesOf(caller.region())));
            if (!lb.accountId().equals(caller.accountId())) {
                throw Ec2ApiError.invalidParameter("The load balancer " + arn + " was not found");
            }
            lb.zones().forEach(z -> zones.putIfAbsent(z.id(), z));
        }
        String serviceId = Ids.serviceId();
        EndpointService created = new EndpointService(serviceId, EndpointService.nameFor(caller.region(), serviceId),
                caller.accountId(), caller.region(), cmd.acceptanceRequired(), List.copyOf(zones.values()),
                cmd.loadBalancerArns(), cmd.privateDnsName(), cmd.tags(), now(), ++seq, Map.of());
        services.put(serviceId, created);
        if (tokenKey != null) {
            serviceTokens.put(tokenKey, new TokenUse<>(cmd.fingerprint(), created));
        }
        return created;
    }

    synchronized List<EndpointService> ownedServices(Caller caller) {
        return services.values().stream()
                .filter(s -> s.ownerId().equals(caller.accountId()) && s.region().equals(caller.region()))
                .toList();
    }

    /** Adds then removes principals; returns the entries for the added ones (existing entries are kept). */
    synchronized List<AllowedPrincipal> modifyPermissions(Caller caller, String serviceId,
                                                          List<String> add, List<String> remove) {
        EndpointService service = ownedService(caller, serviceId);
        Map<String, AllowedPrincipal> principals = new LinkedHashMap<>(service.allowedPrincipals());
        List<AllowedPrincipal> added = new ArrayList<>();
        for (String principal : add) {
            if (!principal.equals("*") && !principal.startsWith("arn:")) {
                throw Ec2ApiError.invalidParameter("Invalid principal " + principal + ": expected an ARN or *");
            }
            added.add(principals.computeIfAbsent(principal,
                    p -> new AllowedPrincipal(p, Ids.servicePermissionId(), serviceId, ++seq)));
        }
        remove.forEach(principals::remove);
        services.put(serviceId, service.withPrincipals(principals.values()));
        return added;
    }

    synchronized List<AllowedPrincipal> permissions(Caller caller, String serviceId) {
        return List.copyOf(ownedService(caller, serviceId).allowedPrincipals().values());
    }

    record Connection(VpcEndpoint endpoint, EndpointService service) {
    }

    /** Endpoints (of any account) connected to the caller's services, in creation order. */
    synchronized List<Connection> connections(Caller caller) {
        settle();
        List<Connection> result = new ArrayList<>();
        for (VpcEndpoint ep : endpoints.values()) {
            EndpointService service = services.get(ep.serviceId());
            if (service != null && service.ownerId().equals(caller.accountId())
                    && service.region().equals(caller.region())) {
                result.add(new Connection(ep, service));
            }
        }
        return result;
    }

    synchronized List<UnsuccessfulItem> acceptConnections(Caller caller, String serviceId, List<String> ids) {
        return decide(caller, serviceId, ids, true);
    }

    synchronized List<UnsuccessfulItem> rejectConnections(Caller caller, String serviceId, List<String> ids) {
        return decide(caller, serviceId, ids, false);
    }

    private List<UnsuccessfulItem> decide(Caller caller, String serviceId, List<String> ids, boolean accept) {
        settle();
        ownedService(caller, serviceId);
        List<UnsuccessfulItem> unsuccessful = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            VpcEndpoint ep = endpoints.get(id);
            if (ep == null || !ep.serviceId().equals(serviceId)) {
                unsuccessful.add(UnsuccessfulItem.endpointNotFound(id, "InvalidVpcEndpointId.NotFound"));
                continue;
            }
            VpcEndpointState state = ep.state();
            if (accept) {
                switch (state) {
                    // A rejected connection can still be accepted later, as in AWS.
                    case PENDING_ACCEPTANCE, REJECTED -> putEndpoint(transition(ep, VpcEndpointState.PENDING));
                    case PENDING, AVAILABLE -> { } // already accepted: idempotent
                    default -> unsuccessful.add(incorrectState(id, state, "accepted"));
                }
            } else {
                switch (state) {
                    case PENDING_ACCEPTANCE, PENDING, AVAILABLE -> putEndpoint(transition(ep, VpcEndpointState.REJECTED));
                    case REJECTED -> { }
                    default -> unsuccessful.add(incorrectState(id, state, "rejected"));
                }
            }
        }
        return unsuccessful;
    }

    private static UnsuccessfulItem incorrectState(String id, VpcEndpointState state, String verb) {
        return new UnsuccessfulItem(id, "IncorrectState",
                "The Vpc Endpoint '" + id + "' is in state " + state.wireValue() + " and cannot be " + verb);
    }

    // ---- test hooks (Java API) ----

    synchronized void setEndpointState(String endpointId, VpcEndpointState state) {
        settle();
        VpcEndpoint ep = endpoints.get(endpointId);
        if (ep == null) {
            throw new IllegalArgumentException("no such VPC endpoint: " + endpointId);
        }
        putEndpoint(transition(ep, state));
    }

    synchronized boolean deleteEndpointOutOfBand(String endpointId) {
        timedEndpoints.remove(endpointId);
        return endpoints.remove(endpointId) != null;
    }

    synchronized Optional<VpcEndpointState> endpointState(String endpointId) {
        settle();
        return Optional.ofNullable(endpoints.get(endpointId)).map(VpcEndpoint::state);
    }

    synchronized EndpointService createServiceDirect(String ownerAccountId, String region, boolean acceptanceRequired,
                                                     List<AvailabilityZone> zones) {
        String serviceId = Ids.serviceId();
        EndpointService created = new EndpointService(serviceId, EndpointService.nameFor(region, serviceId),
                ownerAccountId, region, acceptanceRequired, zones, List.of(), null, List.of(), now(), ++seq, Map.of());
        services.put(serviceId, created);
        return created;
    }

    synchronized void allowPrincipal(String serviceId, String principal) {
        EndpointService service = services.get(serviceId);
        if (service == null) {
            throw new IllegalArgumentException("no such endpoint service: " + serviceId);
        }
        modifyPermissions(new Caller(service.ownerId(), service.region()), serviceId, List.of(principal), List.of());
    }

    // ---- internals ----

    /** What a ClientToken created, and the request parameters it was created with. */
    private record TokenUse<T>(String fingerprint, T created) implements java.io.Serializable {
    }

    private static <T> TokenUse<T> checkReplay(TokenUse<T> use, String fingerprint) {
        if (!use.fingerprint().equals(fingerprint)) {
            throw Ec2ApiError.badRequest("IdempotentParameterMismatch", "The client token you have provided is "
                    + "associated with a resource that is already created with different parameters.");
        }
        return use;
    }

    private EndpointService ownedService(Caller caller, String serviceId) {
        EndpointService service = services.get(serviceId);
        if (service == null || !service.ownerId().equals(caller.accountId())
                || !service.region().equals(caller.region())) {
            throw Ec2ApiError.serviceIdNotFound(serviceId);
        }
        return service;
    }

    private static boolean ownedBy(VpcEndpoint ep, Caller caller) {
        return ep.ownerId().equals(caller.accountId()) && ep.region().equals(caller.region());
    }

    private VpcEndpoint transition(VpcEndpoint ep, VpcEndpointState state) {
        return ep.withState(state, now(), config.availableDelay(), config.deletionDelay());
    }

    private void putEndpoint(VpcEndpoint ep) {
        endpoints.put(ep.endpointId(), ep);
        if (ep.transitionAt() != null) {
            timedEndpoints.add(ep.endpointId());
        } else {
            timedEndpoints.remove(ep.endpointId());
        }
    }

    /** Applies due timers: pending → available, deleting → gone. */
    private void settle() {
        if (timedEndpoints.isEmpty()) {
            return;
        }
        Instant now = now();
        for (Iterator<String> it = timedEndpoints.iterator(); it.hasNext(); ) {
            VpcEndpoint ep = endpoints.get(it.next());
            if (ep == null) {
                it.remove();
            } else if (ep.timerDue(now)) {
                it.remove();
                if (ep.state() == VpcEndpointState.DELETING) {
                    endpoints.remove(ep.endpointId());
                } else if (ep.state() == VpcEndpointState.PENDING) {
                    endpoints.put(ep.endpointId(), transition(ep, VpcEndpointState.AVAILABLE));
                }
            }
        }
    }

    private Instant now() {
        return config.clock().instant();
    }

    /** Region field of an ARN ({@code arn:aws:elasticloadbalancing:<region>:…}), or null when not an ARN. */
    private static String arnRegion(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && parts[0].equals("arn") && !parts[3].isEmpty() ? parts[3] : null;
    }

    /** Every endpoint not deleted (deleting counts as still there), by id, with its tag {@code key} (null if none). */
    synchronized Map<String, String> endpointsTagged(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        for (VpcEndpoint e : endpoints.values()) {
            if (e.state() != VpcEndpointState.DELETED) {
                out.put(e.endpointId(), e.tags().stream().filter(t -> t.key().equals(key))
                        .map(QueryRequest.Tag::value).findFirst().orElse(null));
            }
        }
        return out;
    }
}
