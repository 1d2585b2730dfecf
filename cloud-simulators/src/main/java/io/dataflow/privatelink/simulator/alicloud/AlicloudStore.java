package io.dataflow.privatelink.simulator.alicloud;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * All simulated PrivateLink state and the rules that guard it. Every method is synchronized: requests are
 * small and one lock keeps multi-step rules (ClientToken idempotency, accept-then-transition) trivially
 * atomic. Values handed out are immutable records, so callers render them without holding the lock.
 */
final class AlicloudStore {

    /** An AccessKey pair and the account it belongs to. */
    record AccessKey(String accountId, String accessKeyId, String secret) implements java.io.Serializable {
    }

    private final AlicloudSimulatorConfig config;
    private final Map<String, AccessKey> accessKeys = new HashMap<>();
    private final Map<String, VSwitch> vSwitches = new HashMap<>();
    // Insertion order = creation order = pagination order.
    private final Map<String, EndpointService> services = new LinkedHashMap<>();
    private final Map<String, VpcEndpoint> endpoints = new LinkedHashMap<>();
    // ClientToken → what it created, scoped per account: "accountId|token".
    private final Map<String, TokenUse<VpcEndpoint>> endpointTokens = new HashMap<>();
    private final Map<String, TokenUse<EndpointService>> serviceTokens = new HashMap<>();
    // Services deleted outside the API: their endpoints report ServiceDeleted.
    private final Set<String> deletedServices = new HashSet<>();
    // Endpoints whose status moves on by itself; checked lazily at the start of each operation.
    private final Set<String> timedEndpoints = new HashSet<>();
    private long seq;

    AlicloudStore(AlicloudSimulatorConfig config) {
        this.config = config;
    }

    // ---- persistence (CloudSimulator#keepStateIn) ----

    synchronized byte[] snapshot() {
        return io.dataflow.privatelink.simulator.common.StateFile.serialize(accessKeys, vSwitches, services, endpoints,
                endpointTokens, serviceTokens, deletedServices, timedEndpoints, seq);
    }

    @SuppressWarnings("unchecked")
    synchronized void restore(Object[] parts) {
        accessKeys.putAll((Map<String, AccessKey>) parts[0]);
        vSwitches.putAll((Map<String, VSwitch>) parts[1]);
        services.putAll((Map<String, EndpointService>) parts[2]);
        endpoints.putAll((Map<String, VpcEndpoint>) parts[3]);
        endpointTokens.putAll((Map<String, TokenUse<VpcEndpoint>>) parts[4]);
        serviceTokens.putAll((Map<String, TokenUse<EndpointService>>) parts[5]);
        deletedServices.addAll((Set<String>) parts[6]);
        timedEndpoints.addAll((Set<String>) parts[7]);
        seq = (Long) parts[8];
    }

    // ---- registration (Java API) ----

    synchronized void addAccessKey(String accountId, String accessKeyId, String secret) {
        accessKeys.put(accessKeyId, new AccessKey(accountId, accessKeyId, secret));
    }

    synchronized Optional<AccessKey> accessKey(String accessKeyId) {
        return Optional.ofNullable(accessKeys.get(accessKeyId));
    }

    synchronized void registerVSwitch(VSwitch vSwitch) {
        vSwitches.put(vSwitch.vSwitchId(), vSwitch);
    }

    // ---- consumer side ----

    record ZoneChoice(String zoneId, String vSwitchId) {
    }

    record NewEndpoint(String serviceId, String serviceName, String vpcId, List<String> securityGroupIds,
                       List<ZoneChoice> zones, String name, String description, String clientToken,
                       String fingerprint, boolean dryRun) {
    }

    synchronized VpcEndpoint createEndpoint(Caller caller, NewEndpoint cmd) {
        settle();
        String tokenKey = cmd.clientToken() == null ? null : caller.accountId() + "|" + cmd.clientToken();
        if (tokenKey != null && endpointTokens.containsKey(tokenKey) && !cmd.dryRun()) {
            TokenUse<VpcEndpoint> use = checkReplay(endpointTokens.get(tokenKey), cmd.fingerprint());
            // A replay answers with the endpoint as it is now; if it is gone, as it was created.
            return endpoints.getOrDefault(use.created().endpointId(), use.created());
        }
        EndpointService service = serviceFor(caller, cmd.serviceId(), cmd.serviceName());
        boolean vpcKnown = vSwitches.values().stream().anyMatch(v -> v.accountId().equals(caller.accountId())
                && v.regionId().equals(caller.regionId()) && v.vpcId().equals(cmd.vpcId()));
        if (!vpcKnown) {
            throw AlicloudApiError.badRequest("ResourceNotFound.Vpc", "The specified VPC " + cmd.vpcId()
                    + " does not exist.");
        }
        if (cmd.securityGroupIds().isEmpty()) {
            throw AlicloudApiError.missingParameter("SecurityGroupId");
        }
        List<VpcEndpoint.Zone> zones = resolveZones(caller, cmd, service);
        if (cmd.dryRun()) {
            throw AlicloudApiError.dryRun();
        }
        Instant now = now();
        VpcEndpoint created = new VpcEndpoint(AlicloudIds.endpointId(), caller.accountId(), caller.regionId(),
                cmd.vpcId(), service.serviceId(), service.serviceName(), cmd.name(), cmd.description(),
                List.copyOf(new LinkedHashSet<>(cmd.securityGroupIds())), zones, now, ++seq, null, null, now, null)
                .withStatus(EndpointStatus.CREATING, ConnectionStatus.DISCONNECTED, now, config);
        putEndpoint(created);
        if (tokenKey != null) {
            endpointTokens.put(tokenKey, new TokenUse<>(cmd.fingerprint(), created));
        }
        return created;
    }

    /** The service named by id and/or name, if the caller may see it. */
    private EndpointService serviceFor(Caller caller, String serviceId, String serviceName) {
        if (serviceId == null && serviceName == null) {
            throw AlicloudApiError.missingParameter("ServiceId");
        }
        return services.values().stream()
                .filter(s -> serviceId == null || s.serviceId().equals(serviceId))
                .filter(s -> serviceName == null || s.serviceName().equals(serviceName))
                .filter(s -> s.visibleTo(caller))
                .findFirst()
                .orElseThrow(() -> AlicloudApiError.serviceNotFound(serviceId != null ? serviceId : serviceName));
    }

    private List<VpcEndpoint.Zone> resolveZones(Caller caller, NewEndpoint cmd, EndpointService service) {
        List<VpcEndpoint.Zone> zones = new ArrayList<>();
        Set<String> zoneIds = new HashSet<>();
        for (ZoneChoice choice : cmd.zones()) {
            if (choice.vSwitchId() == null) {
                throw AlicloudApiError.missingParameter("Zone.VSwitchId");
            }
            VSwitch vSwitch = vSwitches.get(choice.vSwitchId());
            if (vSwitch == null || !vSwitch.accountId().equals(caller.accountId())
                    || !vSwitch.regionId().equals(caller.regionId()) || !vSwitch.vpcId().equals(cmd.vpcId())) {
                throw AlicloudApiError.badRequest("ResourceNotFound.VSwitch", "The specified vSwitch "
                        + choice.vSwitchId() + " does not exist in VPC " + cmd.vpcId() + ".");
            }
            String zoneId = choice.zoneId() != null ? choice.zoneId() : vSwitch.zoneId();
            if (!zoneId.equals(vSwitch.zoneId())) {
                throw AlicloudApiError.badRequest("IllegalParam.ZoneId", "The vSwitch " + choice.vSwitchId()
                        + " is in zone " + vSwitch.zoneId() + ", not " + zoneId + ".");
            }
            if (!service.offersZone(zoneId)) {
                throw AlicloudApiError.badRequest("IllegalParam.ZoneId", "The endpoint service "
                        + service.serviceId() + " does not support zone " + zoneId + ".");
            }
            if (!zoneIds.add(zoneId)) {
                throw AlicloudApiError.badRequest("IllegalParam.ZoneId", "The zone " + zoneId
                        + " is specified more than once.");
            }
            ThreadLocalRandom r = ThreadLocalRandom.current();
            zones.add(new VpcEndpoint.Zone(zoneId, vSwitch.vSwitchId(), AlicloudIds.eniId(),
                    "172.16." + r.nextInt(0, 256) + "." + r.nextInt(1, 255)));
        }
        return zones;
    }

    /** The caller's endpoints in its region, in creation order. */
    synchronized List<VpcEndpoint> endpoints(Caller caller) {
        settle();
        return endpoints.values().stream().filter(e -> ownedBy(e, caller)).toList();
    }

    synchronized VpcEndpoint endpoint(Caller caller, String endpointId) {
        settle();
        return ownedEndpoint(caller, endpointId);
    }

    synchronized void deleteEndpoint(Caller caller, String endpointId, boolean dryRun) {
        settle();
        VpcEndpoint ep = ownedEndpoint(caller, endpointId);
        if (dryRun) {
            throw AlicloudApiError.dryRun();
        }
        if (ep.status() != EndpointStatus.DELETING) {
            putEndpoint(ep.withStatus(EndpointStatus.DELETING, ep.connectionStatus(), now(), config));
        }
    }

    synchronized List<EndpointService> visibleServices(Caller caller) {
        return services.values().stream().filter(s -> s.visibleTo(caller)).toList();
    }

    // ---- provider side ----

    record NewService(boolean autoAcceptEnabled, List<EndpointService.Resource> resources, String description,
                      String clientToken, String fingerprint, boolean dryRun) {
    }

    synchronized EndpointService createService(Caller caller, NewService cmd) {
        String tokenKey = cmd.clientToken() == null ? null : caller.accountId() + "|" + cmd.clientToken();
        if (tokenKey != null && serviceTokens.containsKey(tokenKey) && !cmd.dryRun()) {
            TokenUse<EndpointService> use = checkReplay(serviceTokens.get(tokenKey), cmd.fingerprint());
            return services.getOrDefault(use.created().serviceId(), use.created());
        }
        Set<String> zones = new LinkedHashSet<>();
        for (EndpointService.Resource resource : cmd.resources()) {
            if (resource.zoneId() != null) {
                zones.add(resource.zoneId());
            } else {
                zones.addAll(config.zonesOf(caller.regionId())); // a load balancer spans the region's zones
            }
        }
        if (cmd.dryRun()) {
            throw AlicloudApiError.dryRun();
        }
        EndpointService created = newService(caller.accountId(), caller.regionId(), cmd.autoAcceptEnabled(),
                List.copyOf(zones), cmd.resources(), cmd.description());
        if (tokenKey != null) {
            serviceTokens.put(tokenKey, new TokenUse<>(cmd.fingerprint(), created));
        }
        return created;
    }

    private EndpointService newService(String ownerId, String regionId, boolean autoAccept, List<String> zoneIds,
                                       List<EndpointService.Resource> resources, String description) {
        String serviceId = AlicloudIds.serviceId();
        EndpointService created = new EndpointService(serviceId, EndpointService.nameFor(regionId, serviceId),
                ownerId, regionId, autoAccept, zoneIds, resources, description, Set.of(), now(), ++seq);
        services.put(serviceId, created);
        return created;
    }

    synchronized EndpointService ownedService(Caller caller, String serviceId) {
        EndpointService service = services.get(serviceId);
        if (service == null || !service.ownerId().equals(caller.accountId())
                || !service.regionId().equals(caller.regionId())) {
            throw AlicloudApiError.serviceNotFound(serviceId);
        }
        return service;
    }

    synchronized void addUser(Caller caller, String serviceId, String userId, boolean dryRun) {
        EndpointService service = ownedService(caller, serviceId);
        if (dryRun) {
            throw AlicloudApiError.dryRun();
        }
        Set<String> users = new LinkedHashSet<>(service.users());
        users.add(userId);
        services.put(serviceId, service.withUsers(users));
    }

    synchronized void removeUser(Caller caller, String serviceId, String userId, boolean dryRun) {
        EndpointService service = ownedService(caller, serviceId);
        if (dryRun) {
            throw AlicloudApiError.dryRun();
        }
        Set<String> users = new LinkedHashSet<>(service.users());
        users.remove(userId);
        services.put(serviceId, service.withUsers(users));
    }

    /** Endpoints (of any account) connecting to one of the caller's services, in creation order. */
    synchronized List<VpcEndpoint> connections(Caller caller, String serviceId) {
        settle();
        ownedService(caller, serviceId);
        return endpoints.values().stream().filter(e -> e.serviceId().equals(serviceId)).toList();
    }

    synchronized void enableConnection(Caller caller, String serviceId, String endpointId, boolean dryRun) {
        settle();
        VpcEndpoint ep = connectedEndpoint(caller, serviceId, endpointId);
        ConnectionStatus status = ep.connectionStatus();
        boolean allowed = ep.status() == EndpointStatus.ACTIVE
                && switch (status) {
                    case PENDING, DISCONNECTED, CONNECTING, CONNECTED -> true;
                    default -> false;
                };
        if (!allowed) {
            throw AlicloudApiError.connectionOperationDenied(endpointId,
                    ep.status() == EndpointStatus.ACTIVE ? status.wireValue() : ep.status().wireValue());
        }
        if (dryRun) {
            throw AlicloudApiError.dryRun();
        }
        if (status == ConnectionStatus.PENDING || status == ConnectionStatus.DISCONNECTED) {
            putEndpoint(ep.withStatus(ep.status(), ConnectionStatus.CONNECTING, now(), config));
        }
    }

    synchronized void disableConnection(Caller caller, String serviceId, String endpointId, boolean dryRun) {
        settle();
        VpcEndpoint ep = connectedEndpoint(caller, serviceId, endpointId);
        ConnectionStatus status = ep.connectionStatus();
        boolean allowed = ep.status() == EndpointStatus.ACTIVE
                && switch (status) {
                    case PENDING, CONNECTING, CONNECTED, DISCONNECTING, DISCONNECTED -> true;
                    default -> false;
                };
        if (!allowed) {
            throw AlicloudApiError.connectionOperationDenied(endpointId,
                    ep.status() == EndpointStatus.ACTIVE ? status.wireValue() : ep.status().wireValue());
        }
        if (dryRun) {
            throw AlicloudApiError.dryRun();
        }
        if (status == ConnectionStatus.PENDING || status == ConnectionStatus.CONNECTING
                || status == ConnectionStatus.CONNECTED) {
            putEndpoint(ep.withStatus(ep.status(), ConnectionStatus.DISCONNECTING, now(), config));
        }
    }

    private VpcEndpoint connectedEndpoint(Caller caller, String serviceId, String endpointId) {
        ownedService(caller, serviceId);
        VpcEndpoint ep = endpoints.get(endpointId);
        if (ep == null || !ep.serviceId().equals(serviceId)) {
            throw AlicloudApiError.endpointNotFound(endpointId);
        }
        return ep;
    }

    // ---- test hooks (Java API) ----

    synchronized EndpointService createServiceDirect(String ownerAccountId, String regionId, boolean autoAccept,
                                                     List<String> zoneIds) {
        return newService(ownerAccountId, regionId, autoAccept, List.copyOf(zoneIds), List.of(), null);
    }

    synchronized void addUserDirect(String serviceId, String userId) {
        EndpointService service = existingService(serviceId);
        addUser(new Caller(service.ownerId(), service.regionId()), serviceId, userId, false);
    }

    synchronized void setEndpointStatus(String endpointId, EndpointStatus status) {
        settle();
        VpcEndpoint ep = existingEndpoint(endpointId);
        putEndpoint(ep.withStatus(status, ep.connectionStatus(), now(), config));
    }

    synchronized void setConnectionStatus(String endpointId, ConnectionStatus status) {
        settle();
        VpcEndpoint ep = existingEndpoint(endpointId);
        putEndpoint(ep.withStatus(ep.status(), status, now(), config));
    }

    synchronized boolean deleteEndpointOutOfBand(String endpointId) {
        timedEndpoints.remove(endpointId);
        return endpoints.remove(endpointId) != null;
    }

    /** Removes a service as its owner might behind the platform's back; its endpoints show ServiceDeleted. */
    synchronized boolean deleteServiceOutOfBand(String serviceId) {
        settle();
        if (services.remove(serviceId) == null) {
            return false;
        }
        deletedServices.add(serviceId);
        for (VpcEndpoint ep : List.copyOf(endpoints.values())) {
            if (ep.serviceId().equals(serviceId) && ep.status() != EndpointStatus.CREATING
                    && ep.status() != EndpointStatus.DELETING) {
                putEndpoint(ep.withStatus(ep.status(), ConnectionStatus.SERVICE_DELETED, now(), config));
            }
        }
        return true;
    }

    synchronized Optional<VpcEndpoint> findEndpoint(String endpointId) {
        settle();
        return Optional.ofNullable(endpoints.get(endpointId));
    }

    // ---- internals ----

    /** What a ClientToken created, and the request parameters it was created with. */
    private record TokenUse<T>(String fingerprint, T created) implements java.io.Serializable {
    }

    private static <T> TokenUse<T> checkReplay(TokenUse<T> use, String fingerprint) {
        if (!use.fingerprint().equals(fingerprint)) {
            throw AlicloudApiError.idempotenceMismatch();
        }
        return use;
    }

    private VpcEndpoint ownedEndpoint(Caller caller, String endpointId) {
        VpcEndpoint ep = endpoints.get(endpointId);
        if (ep == null || !ownedBy(ep, caller)) {
            throw AlicloudApiError.endpointNotFound(endpointId);
        }
        return ep;
    }

    private VpcEndpoint existingEndpoint(String endpointId) {
        VpcEndpoint ep = endpoints.get(endpointId);
        if (ep == null) {
            throw new IllegalArgumentException("no such endpoint: " + endpointId);
        }
        return ep;
    }

    private EndpointService existingService(String serviceId) {
        EndpointService service = services.get(serviceId);
        if (service == null) {
            throw new IllegalArgumentException("no such endpoint service: " + serviceId);
        }
        return service;
    }

    private static boolean ownedBy(VpcEndpoint ep, Caller caller) {
        return ep.ownerId().equals(caller.accountId()) && ep.regionId().equals(caller.regionId());
    }

    private void putEndpoint(VpcEndpoint ep) {
        endpoints.put(ep.endpointId(), ep);
        if (ep.transitionAt() != null) {
            timedEndpoints.add(ep.endpointId());
        } else {
            timedEndpoints.remove(ep.endpointId());
        }
    }

    /**
     * Applies due timers: Creating → Active, Deleting → gone, Connecting → Connected, Disconnecting →
     * Disconnected. A transition happens as of the moment it fell due, so chained ones settle in one go.
     */
    private void settle() {
        Instant now = now();
        boolean changed = !timedEndpoints.isEmpty();
        while (changed) {
            changed = false;
            for (String id : List.copyOf(timedEndpoints)) {
                VpcEndpoint ep = endpoints.get(id);
                if (ep == null) {
                    timedEndpoints.remove(id);
                } else if (ep.timerDue(now)) {
                    VpcEndpoint next = advance(ep, ep.transitionAt());
                    if (next == null) {
                        endpoints.remove(id);
                        timedEndpoints.remove(id);
                    } else {
                        putEndpoint(next);
                    }
                    changed = true;
                }
            }
        }
    }

    /** The endpoint after its timed transition, as of the moment it fell due; null once it is gone. */
    private VpcEndpoint advance(VpcEndpoint ep, Instant at) {
        return switch (ep.status()) {
            case DELETING -> null;
            case CREATING -> ep.withStatus(EndpointStatus.ACTIVE, connectionOnActivation(ep), at, config);
            default -> switch (ep.connectionStatus()) {
                case CONNECTING -> ep.withStatus(ep.status(), ConnectionStatus.CONNECTED, at, config);
                case DISCONNECTING -> ep.withStatus(ep.status(), ConnectionStatus.DISCONNECTED, at, config);
                default -> ep.withStatus(ep.status(), ep.connectionStatus(), at, config);
            };
        };
    }

    private ConnectionStatus connectionOnActivation(VpcEndpoint ep) {
        EndpointService service = services.get(ep.serviceId());
        if (service == null || deletedServices.contains(ep.serviceId())) {
            return ConnectionStatus.SERVICE_DELETED;
        }
        return service.autoAcceptEnabled() ? ConnectionStatus.CONNECTED : ConnectionStatus.PENDING;
    }

    private Instant now() {
        return config.clock().instant();
    }

    /** Every endpoint that still exists, by id, with its description. */
    synchronized Map<String, String> endpointDescriptions() {
        Map<String, String> out = new LinkedHashMap<>();
        endpoints.values().forEach(e -> out.put(e.endpointId(), e.description()));
        return out;
    }
}
