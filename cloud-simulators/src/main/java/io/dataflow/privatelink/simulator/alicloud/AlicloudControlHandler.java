package io.dataflow.privatelink.simulator.alicloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataflow.privatelink.simulator.common.ControlHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * The Alibaba Cloud simulator's JSON control endpoints under {@code /_simulator/} (RPC requests go to
 * {@code /}): the shared ones of {@link ControlHandler} (health, calls, faults, rate-limits, endpoint hooks)
 * and these, which expose the Java API's test hooks to the local stack and to scripts:
 *
 * <pre>
 * POST   /_simulator/accounts               {"accountId":"1000000000000001","accessKeyId":"…","accessKeySecret":"…"}
 * POST   /_simulator/vswitches              {"accountId","regionId","vpcId","vSwitchId","zoneId"}
 * POST   /_simulator/services               {"ownerAccountId","regionId","acceptance":"manual","zoneIds":[…]};
 *                                            zones default to the region's
 * POST   /_simulator/services/{id}/users    {"userId":"1000000000000001"}  (whitelist an account)
 * DELETE /_simulator/services/{id}          out-of-band deletion: endpoints show ServiceDeleted
 * GET    /_simulator/endpoints/{id}         {"endpointId","endpointStatus":"Active","connectionStatus":"Pending"}
 * PUT    /_simulator/endpoints/{id}/status  {"endpointStatus":"Inactive"} and/or {"connectionStatus":"Disconnected"}
 * </pre>
 */
final class AlicloudControlHandler extends ControlHandler {

    private final AlicloudSimulator simulator;

    AlicloudControlHandler(AlicloudSimulator simulator) {
        super(simulator, "status");
        this.simulator = simulator;
    }

    @Override
    protected JsonNode route(String method, String path, JsonNode req) {
        return switch (method + " " + path) {
            case "POST /accounts" -> {
                simulator.addAccount(text(req, "accountId"), text(req, "accessKeyId"), text(req, "accessKeySecret"));
                yield req;
            }
            case "POST /vswitches" -> {
                simulator.registerVSwitch(text(req, "accountId"), text(req, "regionId"), text(req, "vpcId"),
                        text(req, "vSwitchId"), text(req, "zoneId"));
                yield req;
            }
            default -> null;
        };
    }

    @Override
    protected JsonNode createService(JsonNode req) {
        String region = text(req, "regionId");
        List<String> zones = new ArrayList<>();
        req.path("zoneIds").forEach(z -> zones.add(z.asText()));
        return json.valueToTree(simulator.createEndpointService(text(req, "ownerAccountId"), region, acceptance(req),
                req.has("zoneIds") ? zones : simulator.config().zonesOf(region)));
    }

    @Override
    protected JsonNode serviceRoute(String method, String[] parts, JsonNode req) {
        if (parts.length == 2 && parts[1].equals("users") && method.equals("POST")) {
            simulator.addUserToService(parts[0], text(req, "userId"));
            return req;
        }
        if (parts.length == 1 && method.equals("DELETE")) {
            return message("deleted", String.valueOf(simulator.deleteServiceOutOfBand(parts[0])));
        }
        return null;
    }

    @Override
    protected void describeEndpoint(String endpointId, ObjectNode view) {
        putWire(view, "endpointStatus", simulator.endpointStatus(endpointId));
        putWire(view, "connectionStatus", simulator.connectionStatus(endpointId));
    }

    @Override
    protected void forceEndpointState(String endpointId, JsonNode req) {
        if (!req.hasNonNull("endpointStatus") && !req.hasNonNull("connectionStatus")) {
            throw new IllegalArgumentException("missing field 'endpointStatus' or 'connectionStatus'");
        }
        if (req.hasNonNull("endpointStatus")) {
            simulator.setEndpointStatus(endpointId, EndpointStatus.parse(text(req, "endpointStatus")));
        }
        if (req.hasNonNull("connectionStatus")) {
            simulator.setConnectionStatus(endpointId, ConnectionStatus.parse(text(req, "connectionStatus")));
        }
    }
}
