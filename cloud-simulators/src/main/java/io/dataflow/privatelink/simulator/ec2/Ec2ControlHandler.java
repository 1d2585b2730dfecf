package io.dataflow.privatelink.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataflow.privatelink.simulator.common.ControlHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * The EC2 simulator's JSON control endpoints under {@code /_simulator/} (EC2 requests go to {@code /}):
 * the shared ones of {@link ControlHandler} and these, which expose the Java API's test hooks to the local
 * stack and to scripts:
 *
 * <pre>
 * POST   /_simulator/accounts               {"accountId":"…","accessKeyId":"…"}
 * POST   /_simulator/subnets                {"accountId","vpcId","subnetId","azId","azName"}
 * POST   /_simulator/load-balancers         {"accountId","arn","zones":[{"id":"use1-az1","name":"us-east-1a"}]}
 * GET    /_simulator/route53/zones          every hosted zone with its VPCs and records
 * PUT    /_simulator/endpoints/{id}/state   {"state":"failed"}
 * POST   /_simulator/services               {"ownerAccountId","region","acceptance":"manual","zones":[…]};
 *                                            region and zones default to the simulator's
 * POST   /_simulator/services/{id}/principals  {"principal":"arn:aws:iam::123456789012:root"}
 * </pre>
 */
final class Ec2ControlHandler extends ControlHandler {

    private final Ec2Simulator simulator;

    Ec2ControlHandler(Ec2Simulator simulator) {
        super(simulator, "state");
        this.simulator = simulator;
    }

    @Override
    protected JsonNode route(String method, String path, JsonNode req) {
        return switch (method + " " + path) {
            case "POST /accounts" -> {
                simulator.addAccount(text(req, "accountId"), text(req, "accessKeyId"));
                yield req;
            }
            case "POST /subnets" -> {
                simulator.registerSubnet(text(req, "accountId"), text(req, "vpcId"), text(req, "subnetId"),
                        text(req, "azId"), text(req, "azName"));
                yield req;
            }
            case "GET /route53/zones" -> json.valueToTree(simulator.route53Zones());
            case "POST /load-balancers" -> {
                simulator.registerLoadBalancer(text(req, "accountId"), text(req, "arn"), zones(req.path("zones")));
                yield req;
            }
            default -> null;
        };
    }

    @Override
    protected JsonNode createService(JsonNode req) {
        String region = req.hasNonNull("region") ? text(req, "region") : simulator.config().defaultRegion();
        List<AvailabilityZone> zones = req.has("zones") ? zones(req.get("zones")) : simulator.config().zonesOf(region);
        return json.valueToTree(simulator.createEndpointService(text(req, "ownerAccountId"), region, acceptance(req),
                zones));
    }

    @Override
    protected JsonNode serviceRoute(String method, String[] parts, JsonNode req) {
        if (parts.length == 2 && parts[1].equals("principals") && method.equals("POST")) {
            simulator.allowPrincipal(parts[0], text(req, "principal"));
            return req;
        }
        return null;
    }

    @Override
    protected void describeEndpoint(String endpointId, ObjectNode view) {
        putWire(view, "state", simulator.endpointState(endpointId));
    }

    @Override
    protected void forceEndpointState(String endpointId, JsonNode req) {
        simulator.setEndpointState(endpointId, VpcEndpointState.parse(text(req, "state")));
    }

    private static List<AvailabilityZone> zones(JsonNode array) {
        List<AvailabilityZone> zones = new ArrayList<>();
        array.forEach(z -> zones.add(new AvailabilityZone(text(z, "id"), text(z, "name"))));
        return zones;
    }
}
