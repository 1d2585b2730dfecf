package io.dataflow.privatelink.simulator.alicloud;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataflow.privatelink.simulator.common.Acceptance;
import io.dataflow.privatelink.simulator.common.CallingAccount;
import io.dataflow.privatelink.simulator.common.Page;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The simulated PrivateLink actions (2020-04-15), one method each: the consumer side (endpoints and the
 * services the platform may connect to) and the service-owner side (services, their whitelists and
 * connections).
 */
final class AlicloudActions {

    static final String VERSION = "2020-04-15";

    /** 2 to 128 characters: letters, digits, underscores and hyphens, starting with a letter. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}][\\p{L}\\p{Nd}_-]{1,127}");

    private static final Map<String, Function<AlicloudVpcEndpoint, String>> ENDPOINT_FILTERS = Map.of(
            "EndpointId", AlicloudVpcEndpoint::endpointId,
            "EndpointName", AlicloudVpcEndpoint::name,
            "ServiceName", AlicloudVpcEndpoint::serviceName,
            "VpcId", AlicloudVpcEndpoint::vpcId,
            "EndpointStatus", ep -> ep.status().wireValue(),
            "ConnectionStatus", ep -> ep.connectionStatus().wireValue(),
            "EndpointType", ep -> "Interface");

    private static final Map<String, Function<AlicloudEndpointService, String>> SERVICE_FILTERS = Map.of(
            "ServiceId", AlicloudEndpointService::serviceId,
            "ServiceName", AlicloudEndpointService::serviceName,
            "ServiceType", s -> "Interface");

    private static final Map<String, Function<AlicloudVpcEndpoint, String>> CONNECTION_FILTERS = Map.of(
            "EndpointId", AlicloudVpcEndpoint::endpointId,
            "EndpointOwnerId", AlicloudVpcEndpoint::ownerId,
            "ConnectionStatus", ep -> ep.connectionStatus().wireValue());

    private final AlicloudStore store;

    AlicloudActions(AlicloudStore store) {
        this.store = store;
    }

    void register(Map<String, AlicloudHttpHandler.Action> actions) {
        actions.put("CreateVpcEndpoint", this::createVpcEndpoint);
        actions.put("ListVpcEndpoints", this::listVpcEndpoints);
        actions.put("GetVpcEndpointAttribute", this::getVpcEndpointAttribute);
        actions.put("ListVpcEndpointZones", this::listVpcEndpointZones);
        actions.put("ListVpcEndpointSecurityGroups", this::listVpcEndpointSecurityGroups);
        actions.put("DeleteVpcEndpoint", (caller, req) -> {
            store.deleteEndpoint(caller, req.required("EndpointId"), req.dryRun());
            return AlicloudJson.object();
        });
        actions.put("ListVpcEndpointServicesByEndUser", this::listVpcEndpointServicesByEndUser);
        actions.put("CreateVpcEndpointService", this::createVpcEndpointService);
        actions.put("AddUserToVpcEndpointService", this::addUser);
        actions.put("ListVpcEndpointConnections", this::listConnections);
        actions.put("EnableVpcEndpointConnection", (caller, req) -> changeConnection(caller, req, true));
        actions.put("DisableVpcEndpointConnection", (caller, req) -> changeConnection(caller, req, false));
    }

    // ---- consumer side ----

    private ObjectNode createVpcEndpoint(CallingAccount caller, RpcRequest req) {
        String type = req.string("EndpointType");
        if (type != null && !type.equals("Interface")) {
            throw AlicloudApiError.invalidParameter("EndpointType", type + " (only Interface endpoints are simulated)");
        }
        String name = req.string("EndpointName");
        if (name != null && !NAME.matcher(name).matches()) {
            throw AlicloudApiError.badRequest("IllegalParam.EndpointName", "The name " + name + " is invalid: it "
                    + "must be 2 to 128 characters long, start with a letter and contain only letters, digits, "
                    + "underscores (_) and hyphens (-).");
        }
        String description = req.string("EndpointDescription");
        if (description != null && (description.length() < 2 || description.length() > 256
                || description.startsWith("http://") || description.startsWith("https://"))) {
            throw AlicloudApiError.badRequest("IllegalParam.EndpointDescription", "The description is invalid: it "
                    + "must be 2 to 256 characters long and must not start with http:// or https://.");
        }
        String clientToken = req.string("ClientToken");
        if (clientToken != null && (clientToken.length() > 64 || !clientToken.chars().allMatch(c -> c < 128))) {
            throw AlicloudApiError.invalidParameter("ClientToken", "at most 64 ASCII characters");
        }
        List<AlicloudStore.ZoneChoice> zones = req.structs("Zone").stream()
                .map(zone -> new AlicloudStore.ZoneChoice(zone.string("ZoneId"), zone.string("VSwitchId"))).toList();
        AlicloudVpcEndpoint ep = store.createEndpoint(caller, new AlicloudStore.NewEndpoint(
                req.string("ServiceId"), req.string("ServiceName"), req.required("VpcId"),
                req.list("SecurityGroupId"), zones, name, description, clientToken, req.fingerprint(),
                req.dryRun()));
        ObjectNode n = AlicloudJson.object();
        AlicloudJson.endpoint(n, ep, caller.accountId(), null);
        n.remove(List.of("EndpointType", "RegionId", "ResourceOwner", "ZoneAffinityEnabled"));
        return n;
    }

    private ObjectNode listVpcEndpoints(CallingAccount caller, RpcRequest req) {
        List<AlicloudVpcEndpoint> matching = store.ownedEndpoints(caller).stream().filter(filter(req, ENDPOINT_FILTERS))
                .toList();
        Map<String, AlicloudEndpointService> services = servicesById(caller);
        return AlicloudJson.listing("Endpoints", req.page(matching, AlicloudVpcEndpoint::seq), (array, ep) ->
                        AlicloudJson.endpoint(array.addObject(), ep, caller.accountId(), services.get(ep.serviceId())))
                .put("TotalCount", matching.size());
    }

    private ObjectNode getVpcEndpointAttribute(CallingAccount caller, RpcRequest req) {
        AlicloudVpcEndpoint ep = store.endpoint(caller, req.required("EndpointId"));
        ObjectNode n = AlicloudJson.object();
        AlicloudJson.endpoint(n, ep, caller.accountId(), servicesById(caller).get(ep.serviceId()));
        return n.put("Payer", "Endpoint").put("ZonePrivateIpAddressCount", 1);
    }

    private ObjectNode listVpcEndpointZones(CallingAccount caller, RpcRequest req) {
        AlicloudVpcEndpoint ep = store.endpoint(caller, req.required("EndpointId"));
        Page<AlicloudVpcEndpoint.Zone> page = req.page(ep.zones(), ep.zones()::indexOf);
        return AlicloudJson.listing("Zones", page, (array, zone) -> array.add(AlicloudJson.zone(ep, zone)));
    }

    private ObjectNode listVpcEndpointSecurityGroups(CallingAccount caller, RpcRequest req) {
        List<String> groups = store.endpoint(caller, req.required("EndpointId")).securityGroupIds();
        return AlicloudJson.listing("SecurityGroups", req.page(groups, groups::indexOf),
                (array, group) -> array.addObject().put("SecurityGroupId", group));
    }

    private ObjectNode listVpcEndpointServicesByEndUser(CallingAccount caller, RpcRequest req) {
        List<AlicloudEndpointService> matching = store.visibleServices(caller).stream()
                .filter(filter(req, SERVICE_FILTERS)).toList();
        return AlicloudJson.listing("Services", req.page(matching, AlicloudEndpointService::seq),
                (array, s) -> array.add(AlicloudJson.serviceForEndUser(s)));
    }

    private Map<String, AlicloudEndpointService> servicesById(CallingAccount caller) {
        Map<String, AlicloudEndpointService> byId = new HashMap<>();
        store.visibleServices(caller).forEach(s -> byId.put(s.serviceId(), s));
        return byId;
    }

    /** Exact-match filters, ANDed; a parameter that is absent does not filter. */
    static <T> Predicate<T> filter(RpcRequest req, Map<String, Function<T, String>> fields) {
        Predicate<T> result = t -> true;
        for (Map.Entry<String, Function<T, String>> field : fields.entrySet()) {
            String wanted = req.string(field.getKey());
            if (wanted != null) {
                Function<T, String> valueOf = field.getValue();
                result = result.and(t -> wanted.equals(valueOf.apply(t)));
            }
        }
        return result;
    }

    // ---- service owner side ----

    private ObjectNode createVpcEndpointService(CallingAccount caller, RpcRequest req) {
        String resourceType = req.string("ServiceResourceType");
        if (resourceType != null && !resourceType.equals("slb")) {
            throw AlicloudApiError.invalidParameter("ServiceResourceType", resourceType + " (only slb is simulated)");
        }
        List<String> resourceZones = new ArrayList<>();
        for (RpcRequest r : req.structs("Resource")) {
            String type = r.string("ResourceType");
            if (type != null && !type.equals("slb")) {
                throw AlicloudApiError.invalidParameter("Resource.N.ResourceType", type + " (only slb is simulated)");
            }
            r.required("ResourceId"); // each resource names its load balancer
            resourceZones.add(r.string("ZoneId"));
        }
        AlicloudEndpointService s = store.createService(caller, new AlicloudStore.NewService(
                req.bool("AutoAcceptEnabled", false) ? Acceptance.AUTOMATIC : Acceptance.MANUAL, resourceZones,
                req.string("ServiceDescription"), req.string("ClientToken"), req.fingerprint(), req.dryRun()));
        return AlicloudJson.serviceForOwner(s);
    }

    private ObjectNode addUser(CallingAccount caller, RpcRequest req) {
        String serviceId = req.required("ServiceId");
        Long userId = req.longValue("UserId");
        if (userId == null) {
            throw AlicloudApiError.missingParameter("UserId");
        }
        store.addUser(caller, serviceId, String.valueOf(userId), req.dryRun());
        return AlicloudJson.object();
    }

    private ObjectNode listConnections(CallingAccount caller, RpcRequest req) {
        String serviceId = req.required("ServiceId");
        AlicloudEndpointService s = store.ownedService(caller, serviceId);
        List<AlicloudVpcEndpoint> matching = store.connections(caller, serviceId).stream()
                .filter(filter(req, CONNECTION_FILTERS)).toList();
        return AlicloudJson.listing("Connections", req.page(matching, AlicloudVpcEndpoint::seq),
                (array, ep) -> array.add(AlicloudJson.connection(ep, s.ownerId())));
    }

    /** EnableVpcEndpointConnection or DisableVpcEndpointConnection. */
    private ObjectNode changeConnection(CallingAccount caller, RpcRequest req, boolean enable) {
        store.changeConnection(caller, req.required("ServiceId"), req.required("EndpointId"), enable, req.dryRun());
        return AlicloudJson.object();
    }
}
