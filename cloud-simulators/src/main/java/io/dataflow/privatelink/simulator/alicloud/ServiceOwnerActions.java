package io.dataflow.privatelink.simulator.alicloud;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** The service owner (customer account) side: endpoint services, their whitelists and connections. */
final class ServiceOwnerActions {

    private static final Map<String, Function<VpcEndpoint, String>> CONNECTION_FILTERS = Map.of(
            "EndpointId", VpcEndpoint::endpointId,
            "EndpointOwnerId", VpcEndpoint::ownerId,
            "ConnectionStatus", ep -> ep.connectionStatus().wireValue());

    private final AlicloudStore store;

    ServiceOwnerActions(AlicloudStore store) {
        this.store = store;
    }

    void register(Map<String, AlicloudAction> actions) {
        actions.put("CreateVpcEndpointService", this::createVpcEndpointService);
        actions.put("GetVpcEndpointServiceAttribute", this::getVpcEndpointServiceAttribute);
        actions.put("AddUserToVpcEndpointService", this::addUser);
        actions.put("RemoveUserFromVpcEndpointService", this::removeUser);
        actions.put("ListVpcEndpointServiceUsers", this::listUsers);
        actions.put("ListVpcEndpointConnections", this::listConnections);
        actions.put("EnableVpcEndpointConnection", this::enableConnection);
        actions.put("DisableVpcEndpointConnection", this::disableConnection);
    }

    private ObjectNode createVpcEndpointService(Caller caller, RpcRequest req) {
        String resourceType = req.string("ServiceResourceType");
        if (resourceType != null && !resourceType.equals("slb")) {
            throw AlicloudApiError.invalidParameter("ServiceResourceType", resourceType + " (only slb is simulated)");
        }
        List<EndpointService.Resource> resources = new ArrayList<>();
        for (RpcRequest r : req.structs("Resource")) {
            String type = r.string("ResourceType");
            if (type != null && !type.equals("slb")) {
                throw AlicloudApiError.invalidParameter("Resource.N.ResourceType", type + " (only slb is simulated)");
            }
            resources.add(new EndpointService.Resource("slb", r.required("ResourceId"), r.string("ZoneId")));
        }
        EndpointService s = store.createService(caller, new AlicloudStore.NewService(
                req.bool("AutoAcceptEnabled", false), resources, req.string("ServiceDescription"),
                req.string("ClientToken"), req.fingerprint(), req.dryRun()));
        ObjectNode n = AlicloudJson.object();
        AlicloudJson.serviceForOwner(n, s);
        return n;
    }

    private ObjectNode getVpcEndpointServiceAttribute(Caller caller, RpcRequest req) {
        EndpointService s = store.ownedService(caller, req.required("ServiceId"));
        ObjectNode n = AlicloudJson.object();
        AlicloudJson.serviceForOwner(n, s);
        AlicloudJson.zoneIds(n.putArray("Zones"), s);
        return n;
    }

    private ObjectNode addUser(Caller caller, RpcRequest req) {
        store.addUser(caller, req.required("ServiceId"), userId(req), req.dryRun());
        return AlicloudJson.object();
    }

    private ObjectNode removeUser(Caller caller, RpcRequest req) {
        store.removeUser(caller, req.required("ServiceId"), userId(req), req.dryRun());
        return AlicloudJson.object();
    }

    private ObjectNode listUsers(Caller caller, RpcRequest req) {
        EndpointService s = store.ownedService(caller, req.required("ServiceId"));
        Long only = req.longValue("UserId");
        List<String> users = s.users().stream()
                .filter(u -> only == null || u.equals(String.valueOf(only)))
                .filter(u -> u.chars().allMatch(Character::isDigit))
                .toList();
        AlicloudPage<String> page = AlicloudPage.of(users, users::indexOf, req);
        ObjectNode n = AlicloudJson.object();
        ArrayNode array = n.putArray("Users");
        page.items().forEach(u -> array.addObject().put("UserId", Long.parseLong(u)));
        AlicloudJson.page(n, page);
        return n;
    }

    private ObjectNode listConnections(Caller caller, RpcRequest req) {
        String serviceId = req.required("ServiceId");
        EndpointService s = store.ownedService(caller, serviceId);
        Predicate<VpcEndpoint> filter = EndpointActions.filter(req, CONNECTION_FILTERS);
        List<VpcEndpoint> matching = store.connections(caller, serviceId).stream().filter(filter).toList();
        AlicloudPage<VpcEndpoint> page = AlicloudPage.of(matching, VpcEndpoint::seq, req);
        ObjectNode n = AlicloudJson.object();
        ArrayNode array = n.putArray("Connections");
        page.items().forEach(ep -> array.add(AlicloudJson.connection(ep, s.ownerId())));
        AlicloudJson.page(n, page);
        return n;
    }

    private ObjectNode enableConnection(Caller caller, RpcRequest req) {
        store.enableConnection(caller, req.required("ServiceId"), req.required("EndpointId"), req.dryRun());
        return AlicloudJson.object();
    }

    private ObjectNode disableConnection(Caller caller, RpcRequest req) {
        store.disableConnection(caller, req.required("ServiceId"), req.required("EndpointId"), req.dryRun());
        return AlicloudJson.object();
    }

    private static String userId(RpcRequest req) {
        Long userId = req.longValue("UserId");
        if (userId == null) {
            throw AlicloudApiError.missingParameter("UserId");
        }
        return String.valueOf(userId);
    }
}
