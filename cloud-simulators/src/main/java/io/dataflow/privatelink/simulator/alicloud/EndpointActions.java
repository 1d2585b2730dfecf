package io.dataflow.privatelink.simulator.alicloud;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The consumer (platform account) side: endpoints and the services it may connect to. */
final class EndpointActions {

    /** 2 to 128 characters: letters, digits, underscores and hyphens, starting with a letter. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}][\\p{L}\\p{Nd}_-]{1,127}");

    private static final Map<String, Function<VpcEndpoint, String>> ENDPOINT_FILTERS = Map.of(
            "EndpointId", VpcEndpoint::endpointId,
            "EndpointName", VpcEndpoint::name,
            "ServiceName", VpcEndpoint::serviceName,
            "VpcId", VpcEndpoint::vpcId,
            "EndpointStatus", ep -> ep.status().wireValue(),
            "ConnectionStatus", ep -> ep.connectionStatus().wireValue(),
            "EndpointType", ep -> "Interface");

    private static final Map<String, Function<EndpointService, String>> SERVICE_FILTERS = Map.of(
            "ServiceId", EndpointService::serviceId,
            "ServiceName", EndpointService::serviceName,
            "ServiceType", s -> "Interface");

    private final AlicloudStore store;

    EndpointActions(AlicloudStore store) {
        this.store = store;
    }

    void register(Map<String, AlicloudAction> actions) {
        actions.put("CreateVpcEndpoint", this::createVpcEndpoint);
        actions.put("ListVpcEndpoints", this::listVpcEndpoints);
        actions.put("GetVpcEndpointAttribute", this::getVpcEndpointAttribute);
        actions.put("ListVpcEndpointZones", this::listVpcEndpointZones);
        actions.put("ListVpcEndpointSecurityGroups", this::listVpcEndpointSecurityGroups);
        actions.put("DeleteVpcEndpoint", this::deleteVpcEndpoint);
        actions.put("ListVpcEndpointServicesByEndUser", this::listVpcEndpointServicesByEndUser);
    }

    private ObjectNode createVpcEndpoint(Caller caller, RpcRequest req) {
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
        List<AlicloudStore.ZoneChoice> zones = new ArrayList<>();
        for (RpcRequest zone : req.structs("Zone")) {
            zones.add(new AlicloudStore.ZoneChoice(zone.string("ZoneId"), zone.string("VSwitchId")));
        }
        VpcEndpoint ep = store.createEndpoint(caller, new AlicloudStore.NewEndpoint(
                req.string("ServiceId"), req.string("ServiceName"), req.required("VpcId"),
                req.list("SecurityGroupId"), zones, name, description, clientToken, req.fingerprint(),
                req.dryRun()));
        ObjectNode n = AlicloudJson.object();
        AlicloudJson.endpoint(n, ep, caller.accountId(), null);
        n.remove(List.of("EndpointType", "RegionId", "ResourceOwner", "ZoneAffinityEnabled"));
        return n;
    }

    private ObjectNode listVpcEndpoints(Caller caller, RpcRequest req) {
        Predicate<VpcEndpoint> filter = filter(req, ENDPOINT_FILTERS);
        List<VpcEndpoint> matching = store.endpoints(caller).stream().filter(filter).toList();
        AlicloudPage<VpcEndpoint> page = AlicloudPage.of(matching, VpcEndpoint::seq, req);
        Map<String, EndpointService> services = servicesById(caller);
        ObjectNode n = AlicloudJson.object();
        ArrayNode array = n.putArray("Endpoints");
        for (VpcEndpoint ep : page.items()) {
            AlicloudJson.endpoint(array.addObject(), ep, caller.accountId(), services.get(ep.serviceId()));
        }
        n.put("TotalCount", matching.size());
        AlicloudJson.page(n, page);
        return n;
    }

    private ObjectNode getVpcEndpointAttribute(Caller caller, RpcRequest req) {
        VpcEndpoint ep = store.endpoint(caller, req.required("EndpointId"));
        ObjectNode n = AlicloudJson.object();
        AlicloudJson.endpoint(n, ep, caller.accountId(), servicesById(caller).get(ep.serviceId()));
        n.put("Payer", "Endpoint");
        n.put("ZonePrivateIpAddressCount", 1);
        return n;
    }

    private ObjectNode listVpcEndpointZones(Caller caller, RpcRequest req) {
        VpcEndpoint ep = store.endpoint(caller, req.required("EndpointId"));
        List<VpcEndpoint.Zone> zones = ep.zones();
        AlicloudPage<VpcEndpoint.Zone> page = AlicloudPage.of(zones, z -> zones.indexOf(z), req);
        ObjectNode n = AlicloudJson.object();
        ArrayNode array = n.putArray("Zones");
        page.items().forEach(z -> array.add(AlicloudJson.zone(ep, z)));
        AlicloudJson.page(n, page);
        return n;
    }

    private ObjectNode listVpcEndpointSecurityGroups(Caller caller, RpcRequest req) {
        VpcEndpoint ep = store.endpoint(caller, req.required("EndpointId"));
        List<String> groups = ep.securityGroupIds();
        AlicloudPage<String> page = AlicloudPage.of(groups, groups::indexOf, req);
        ObjectNode n = AlicloudJson.object();
        ArrayNode array = n.putArray("SecurityGroups");
        page.items().forEach(g -> array.addObject().put("SecurityGroupId", g));
        AlicloudJson.page(n, page);
        return n;
    }

    private ObjectNode deleteVpcEndpoint(Caller caller, RpcRequest req) {
        store.deleteEndpoint(caller, req.required("EndpointId"), req.dryRun());
        return AlicloudJson.object();
    }

    private ObjectNode listVpcEndpointServicesByEndUser(Caller caller, RpcRequest req) {
        Predicate<EndpointService> filter = filter(req, SERVICE_FILTERS);
        List<EndpointService> matching = store.visibleServices(caller).stream().filter(filter).toList();
        AlicloudPage<EndpointService> page = AlicloudPage.of(matching, EndpointService::seq, req);
        ObjectNode n = AlicloudJson.object();
        ArrayNode array = n.putArray("Services");
        page.items().forEach(s -> array.add(AlicloudJson.serviceForEndUser(s)));
        AlicloudJson.page(n, page);
        return n;
    }

    private Map<String, EndpointService> servicesById(Caller caller) {
        Map<String, EndpointService> byId = new HashMap<>();
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
}
