package io.dataflow.privatelink.simulator.alicloud;

import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.CallingAccount;
import io.dataflow.privatelink.simulator.common.Ids;
import io.dataflow.privatelink.simulator.common.PrivateLinkStore;

import java.io.Serializable;
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
 * All simulated PrivateLink state and the rules that guard it; see {@link PrivateLinkStore}. ClientTokens are
 * scoped per account.
 */
final class AlicloudStore extends PrivateLinkStore<AlicloudEndpointService, AlicloudVpcEndpoint, AlicloudStore.State> {

    static final class State extends PrivateLinkStore.State<AlicloudEndpointService, AlicloudVpcEndpoint> {
        final Map<String, VSwitch> vSwitches = new HashMap<>();
        // Services deleted outside the API: their endpoints report ServiceDeleted.
        final Set<String> deletedServices = new HashSet<>();
    }

    /** A vSwitch (Alibaba Cloud's subnet) of a VPC, in one zone; registered through the Java API. */
    record VSwitch(String accountId, String region, String vpcId, String vSwitchId, String zoneId)
            implements Serializable {
    }

    record ZoneChoice(String zoneId, String vSwitchId) {
    }

    record NewEndpoint(String serviceId, String serviceName, String vpcId, List<String> securityGroupIds,
                       List<ZoneChoice> zones, String name, String description, String clientToken,
                       String fingerprint, boolean dryRun) {
    }

    /** A service on load balancers: the zone each is in, null for one that spans the region's zones. */
    record NewService(Acceptance acceptance, List<String> resourceZones, String description,
                      String clientToken, String fingerprint, boolean dryRun) {
    }

    private final AlicloudSimulatorConfig config;

    AlicloudStore(AlicloudSimulatorConfig config) {
        super(new State(), config.clock(), AlicloudApiError::serviceNotFound, AlicloudApiError::idempotenceMismatch);
        this.config = config;
    }

    // ---- registration (Java API) ----

    synchronized void registerVSwitch(VSwitch vSwitch) {
        state.vSwitches.put(vSwitch.vSwitchId(), vSwitch);
    }

    // ---- consumer side ----

    synchronized AlicloudVpcEndpoint createEndpoint(CallingAccount caller, NewEndpoint cmd) {
        settle();
        Optional<AlicloudVpcEndpoint> replayed = cmd.dryRun() ? Optional.empty()
                : replayEndpoint(caller.accountId(), cmd.clientToken(), cmd.fingerprint());
        if (replayed.isPresent()) {
            return replayed.get();
        }
        AlicloudEndpointService service = serviceFor(caller, cmd.serviceId(), cmd.serviceName());
        boolean vpcKnown = state.vSwitches.values().stream().anyMatch(v -> v.accountId().equals(caller.accountId())
                && v.region().equals(caller.region()) && v.vpcId().equals(cmd.vpcId()));
        if (!vpcKnown) {
            throw AlicloudApiError.badRequest("ResourceNotFound.Vpc", "The specified VPC " + cmd.vpcId()
                    + " does not exist.");
        }
        if (cmd.securityGroupIds().isEmpty()) {
            throw AlicloudApiError.missingParameter("SecurityGroupId");
        }
        List<AlicloudVpcEndpoint.Zone> zones = resolveZones(caller, cmd, service);
        if (cmd.dryRun()) {
            throw AlicloudApiError.dryRun();
        }
        Instant now = now();
        AlicloudVpcEndpoint created = new AlicloudVpcEndpoint("ep-" + Ids.lowerAlnum(20), caller.accountId(),
                caller.region(), cmd.vpcId(), service.serviceId(), service.serviceName(), cmd.name(), cmd.description(),
                List.copyOf(new LinkedHashSet<>(cmd.securityGroupIds())), zones, now, nextSeq(), null, null, now, null)
                .withStatus(EndpointStatus.CREATING, ConnectionStatus.DISCONNECTED, now, config);
        put(created);
        return remember(state.endpointTokens, caller.accountId(), cmd.clientToken(), cmd.fingerprint(), created);
    }

    /** The service named by id and/or name, if the caller may see it. */
    private AlicloudEndpointService serviceFor(CallingAccount caller, String serviceId, String serviceName) {
        if (serviceId == null && serviceName == null) {
            throw AlicloudApiError.missingParameter("ServiceId");
        }
        return state.services.values().stream()
                .filter(s -> serviceId == null || s.serviceId().equals(serviceId))
                .filter(s -> serviceName == null || s.serviceName().equals(serviceName))
                .filter(s -> s.visibleTo(caller))
                .findFirst()
                .orElseThrow(() -> AlicloudApiError.serviceNotFound(serviceId != null ? serviceId : serviceName));
    }

    private List<AlicloudVpcEndpoint.Zone> resolveZones(CallingAccount caller, NewEndpoint cmd,
                                                        AlicloudEndpointService service) {
        List<AlicloudVpcEndpoint.Zone> zones = new ArrayList<>();
        Set<String> zoneIds = new HashSet<>();
        for (ZoneChoice choice : cmd.zones()) {
            if (choice.vSwitchId() == null) {
                throw AlicloudApiError.missingParameter("Zone.VSwitchId");
            }
            VSwitch vSwitch = state.vSwitches.get(choice.vSwitchId());
            if (vSwitch == null || !vSwitch.accountId().equals(caller.accountId())
                    || !vSwitch.region().equals(caller.region()) || !vSwitch.vpcId().equals(cmd.vpcId())) {
                throw AlicloudApiError.badRequest("ResourceNotFound.VSwitch", "The specified vSwitch "
                        + choice.vSwitchId() + " does not exist in VPC " + cmd.vpcId() + ".");
            }
            String zoneId = choice.zoneId() != null ? choice.zoneId() : vSwitch.zoneId();
            if (!zoneId.equals(vSwitch.zoneId())) {
                throw AlicloudApiError.badRequest("IllegalParam.ZoneId", "The vSwitch " + choice.vSwitchId()
                        + " is in zone " + vSwitch.zoneId() + ", not " + zoneId + ".");
            }
            if (!service.zoneIds().contains(zoneId)) {
                throw AlicloudApiError.badRequest("IllegalParam.ZoneId", "The endpoint service "
                        + service.serviceId() + " does not support zone " + zoneId + ".");
            }
            if (!zoneIds.add(zoneId)) {
                throw AlicloudApiError.badRequest("IllegalParam.ZoneId", "The zone " + zoneId
                        + " is specified more than once.");
            }
            ThreadLocalRandom r = ThreadLocalRandom.current();
            zones.add(new AlicloudVpcEndpoint.Zone(zoneId, vSwitch.vSwitchId(), "eni-" + Ids.lowerAlnum(20),
                    "172.16." + r.nextInt(0, 256) + "." + r.nextInt(1, 255)));
        }
        return zones;
    }

    synchronized AlicloudVpcEndpoint endpoint(CallingAccount caller, String endpointId) {
        settle();
        AlicloudVpcEndpoint ep = state.endpoints.get(endpointId);
        if (ep == null || !owns(caller, ep.ownerId(), ep.region())) {
            throw AlicloudApiError.endpointNotFound(endpointId);
        }
        return ep;
    }

    synchronized void deleteEndpoint(CallingAccount caller, String endpointId, boolean dryRun) {
        AlicloudVpcEndpoint ep = endpoint(caller, endpointId);
        if (dryRun) {
            throw AlicloudApiError.dryRun();
        }
        if (ep.status() != EndpointStatus.DELETING) {
            put(ep.withStatus(EndpointStatus.DELETING, ep.connectionStatus(), now(), config));
        }
    }

    // ---- provider side ----

    synchronized AlicloudEndpointService createService(CallingAccount caller, NewService cmd) {
        Optional<AlicloudEndpointService> replayed = cmd.dryRun() ? Optional.empty()
                : replayService(caller.accountId(), cmd.clientToken(), cmd.fingerprint());
        if (replayed.isPresent()) {
            return replayed.get();
        }
        Set<String> zones = new LinkedHashSet<>();
        for (String zone : cmd.resourceZones()) {
            zones.addAll(zone != null ? List.of(zone) : config.zonesOf(caller.region()));
        }
        if (cmd.dryRun()) {
            throw AlicloudApiError.dryRun();
        }
        AlicloudEndpointService created = newService(caller.accountId(), caller.region(), cmd.acceptance(),
                List.copyOf(zones), cmd.description());
        return remember(state.serviceTokens, caller.accountId(), cmd.clientToken(), cmd.fingerprint(), created);
    }

    synchronized AlicloudEndpointService createServiceDirect(String ownerAccountId, String region,
                                                             Acceptance acceptance, List<String> zoneIds) {
        return newService(ownerAccountId, region, acceptance, List.copyOf(zoneIds), null);
    }

    private AlicloudEndpointService newService(String ownerId, String region, Acceptance acceptance,
                                               List<String> zoneIds, String description) {
        String serviceId = "epsrv-" + Ids.lowerAlnum(20);
        AlicloudEndpointService created = new AlicloudEndpointService(serviceId,
                AlicloudEndpointService.nameFor(region, serviceId), ownerId, region, acceptance, zoneIds, description,
                Set.of(), now(), nextSeq());
        state.services.put(serviceId, created);
        return created;
    }

    /** Adds {@code userId} to the service's whitelist. */
    synchronized void addUser(CallingAccount caller, String serviceId, String userId, boolean dryRun) {
        AlicloudEndpointService service = ownedService(caller, serviceId);
        if (dryRun) {
            throw AlicloudApiError.dryRun();
        }
        Set<String> users = new LinkedHashSet<>(service.users());
        users.add(userId);
        state.services.put(serviceId, service.withUsers(users));
    }

    /** Endpoints (of any account) connecting to one of the caller's services, in creation order. */
    synchronized List<AlicloudVpcEndpoint> connections(CallingAccount caller, String serviceId) {
        settle();
        ownedService(caller, serviceId);
        return state.endpoints.values().stream().filter(e -> e.serviceId().equals(serviceId)).toList();
    }

    /**
     * EnableVpcEndpointConnection ({@code enable}) or DisableVpcEndpointConnection: denied unless the endpoint
     * is Active and its connection can go that way; one already on its way or there stays as it is.
     */
    synchronized void changeConnection(CallingAccount caller, String serviceId, String endpointId, boolean enable,
                                       boolean dryRun) {
        settle();
        ownedService(caller, serviceId);
        AlicloudVpcEndpoint ep = state.endpoints.get(endpointId);
        if (ep == null || !ep.serviceId().equals(serviceId)) {
            throw AlicloudApiError.endpointNotFound(endpointId);
        }
        ConnectionStatus status = ep.connectionStatus();
        Set<ConnectionStatus> allowed = enable
                ? Set.of(ConnectionStatus.PENDING, ConnectionStatus.DISCONNECTED, ConnectionStatus.CONNECTING,
                        ConnectionStatus.CONNECTED)
                : Set.of(ConnectionStatus.PENDING, ConnectionStatus.CONNECTING, ConnectionStatus.CONNECTED,
                        ConnectionStatus.DISCONNECTING, ConnectionStatus.DISCONNECTED);
        if (ep.status() != EndpointStatus.ACTIVE || !allowed.contains(status)) {
            throw AlicloudApiError.connectionOperationDenied(endpointId,
                    ep.status() == EndpointStatus.ACTIVE ? status.wireValue() : ep.status().wireValue());
        }
        if (dryRun) {
            throw AlicloudApiError.dryRun();
        }
        Set<ConnectionStatus> moving = enable ? Set.of(ConnectionStatus.PENDING, ConnectionStatus.DISCONNECTED)
                : Set.of(ConnectionStatus.PENDING, ConnectionStatus.CONNECTING, ConnectionStatus.CONNECTED);
        if (moving.contains(status)) {
            put(ep.withStatus(ep.status(), enable ? ConnectionStatus.CONNECTING : ConnectionStatus.DISCONNECTING,
                    now(), config));
        }
    }

    // ---- test hooks (Java API) ----

    synchronized void addUserDirect(String serviceId, String userId) {
        addUser(ownerOf(serviceId), serviceId, userId, false);
    }

    synchronized void setEndpointStatus(String endpointId, EndpointStatus status) {
        settle();
        AlicloudVpcEndpoint ep = existing(state.endpoints, endpointId, "endpoint");
        put(ep.withStatus(status, ep.connectionStatus(), now(), config));
    }

    synchronized void setConnectionStatus(String endpointId, ConnectionStatus status) {
        settle();
        AlicloudVpcEndpoint ep = existing(state.endpoints, endpointId, "endpoint");
        put(ep.withStatus(ep.status(), status, now(), config));
    }

    /** Removes a service as its owner might behind the platform's back; its endpoints show ServiceDeleted. */
    synchronized boolean deleteServiceOutOfBand(String serviceId) {
        settle();
        if (state.services.remove(serviceId) == null) {
            return false;
        }
        state.deletedServices.add(serviceId);
        for (AlicloudVpcEndpoint ep : List.copyOf(state.endpoints.values())) {
            if (ep.serviceId().equals(serviceId) && ep.status() != EndpointStatus.CREATING
                    && ep.status() != EndpointStatus.DELETING) {
                put(ep.withStatus(ep.status(), ConnectionStatus.SERVICE_DELETED, now(), config));
            }
        }
        return true;
    }

    /** Every endpoint that still exists, by id, with its description. */
    synchronized Map<String, String> endpointDescriptions() {
        Map<String, String> out = new LinkedHashMap<>();
        state.endpoints.values().forEach(e -> out.put(e.endpointId(), e.description()));
        return out;
    }

    // ---- internals ----

    /** Creating → Active, Deleting → gone, Connecting → Connected, Disconnecting → Disconnected. */
    @Override
    protected AlicloudVpcEndpoint advance(AlicloudVpcEndpoint ep, Instant at) {
        return switch (ep.status()) {
            case DELETING -> null;
            case CREATING -> ep.withStatus(EndpointStatus.ACTIVE, connectionOnActivation(ep), at, config);
            default -> ep.withStatus(ep.status(), switch (ep.connectionStatus()) {
                case CONNECTING -> ConnectionStatus.CONNECTED;
                case DISCONNECTING -> ConnectionStatus.DISCONNECTED;
                default -> ep.connectionStatus();
            }, at, config);
        };
    }

    private ConnectionStatus connectionOnActivation(AlicloudVpcEndpoint ep) {
        AlicloudEndpointService service = state.services.get(ep.serviceId());
        if (service == null || state.deletedServices.contains(ep.serviceId())) {
            return ConnectionStatus.SERVICE_DELETED;
        }
        return service.acceptance() == Acceptance.AUTOMATIC ? ConnectionStatus.CONNECTED : ConnectionStatus.PENDING;
    }
}
