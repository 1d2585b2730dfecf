package io.dataflow.privatelink.simulator.ec2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JSON control endpoints under {@code /_simulator/}, a prefix no EC2 request uses (EC2 requests go to
 * {@code /}). They expose the Java API's test hooks to the local stack and to scripts:
 *
 * <pre>
 * GET    /_simulator/health
 * GET    /_simulator/calls                  {"calls":{action:n},"throttled":{action:n},"throttledTotal":n}
 * DELETE /_simulator/calls                  reset counters (POST /_simulator/calls/reset works too)
 * GET    /_simulator/faults                 armed faults
 * POST   /_simulator/faults                 {"action":"CreateVpcEndpoint","kind":"throttle|internal-error|latency",
 *                                            "latencyMs":200,"times":3,"probability":0.5}
 * DELETE /_simulator/faults                 clear faults
 * GET    /_simulator/rate-limits            {"enabled":false}
 * PUT    /_simulator/rate-limits            {"enabled":true}
 * POST   /_simulator/accounts               {"accountId":"…","accessKeyId":"…"}
 * POST   /_simulator/subnets                {"accountId","vpcId","subnetId","azId","azName"}
 * POST   /_simulator/load-balancers         {"accountId","arn","zones":[{"id":"use1-az1","name":"us-east-1a"}]}
 * GET    /_simulator/endpoints/{id}         {"endpointId":"…","state":"available"}
 * PUT    /_simulator/endpoints/{id}/state   {"state":"failed"}
 * DELETE /_simulator/endpoints/{id}         out-of-band deletion (drift)
 * POST   /_simulator/services               {"ownerAccountId","region","acceptanceRequired":true,"zones":[…]}
 *                                            → {"serviceId","serviceName"}; zones default to the region's
 * POST   /_simulator/services/{id}/principals  {"principal":"arn:aws:iam::123456789012:root"}
 * </pre>
 */
final class ControlHandler implements HttpHandler {

    static final String PREFIX = "/_simulator";

    private final Ec2Simulator simulator;
    private final ObjectMapper json = new ObjectMapper();

    ControlHandler(Ec2Simulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        int status = 200;
        JsonNode response;
        try {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode request = body.length == 0 ? json.createObjectNode() : json.readTree(body);
            response = route(method, path.endsWith("/") ? path.substring(0, path.length() - 1) : path, request);
            if (response == null) {
                status = 404;
                response = message("error", "no control endpoint " + method + " " + PREFIX + path);
            }
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            status = 400;
            response = message("error", String.valueOf(e.getMessage()));
        }
        byte[] bytes = json.writeValueAsBytes(response);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }

    /** Returns the response body, or null for an unknown route. */
    private JsonNode route(String method, String path, JsonNode req) {
        switch (method + " " + path) {
            case "GET /health":
                return message("status", "UP");
            case "GET /calls":
                return calls();
            case "DELETE /calls", "POST /calls/reset":
                simulator.resetCallCounts();
                return calls();
            case "GET /faults":
                return faults();
            case "POST /faults":
                simulator.injectFault(text(req, "action"), faultSpec(req));
                return faults();
            case "DELETE /faults":
                simulator.clearFaults();
                return faults();
            case "GET /rate-limits":
                return rateLimits();
            case "PUT /rate-limits", "POST /rate-limits":
                simulator.setRateLimitsEnabled(req.path("enabled").asBoolean());
                return rateLimits();
            case "POST /accounts":
                simulator.addAccount(text(req, "accountId"), text(req, "accessKeyId"));
                return req;
            case "POST /subnets":
                simulator.registerSubnet(text(req, "accountId"), text(req, "vpcId"), text(req, "subnetId"),
                        text(req, "azId"), text(req, "azName"));
                return req;
            case "POST /load-balancers":
                simulator.registerLoadBalancer(text(req, "accountId"), text(req, "arn"), zones(req.path("zones")));
                return req;
            case "POST /services":
                return createService(req);
            default:
                return path.startsWith("/services/") ? serviceRoute(method, path, req) : endpointRoute(method, path, req);
        }
    }

    private JsonNode createService(JsonNode req) {
        String region = req.hasNonNull("region") ? text(req, "region") : simulator.config().defaultRegion();
        List<AvailabilityZone> zones = req.has("zones")
                ? zones(req.get("zones")) : simulator.config().zonesOf(region);
        Ec2Simulator.ServiceRef ref = simulator.createEndpointService(text(req, "ownerAccountId"), region,
                req.path("acceptanceRequired").asBoolean(true), zones);
        return json.createObjectNode().put("serviceId", ref.serviceId()).put("serviceName", ref.serviceName());
    }

    private JsonNode serviceRoute(String method, String path, JsonNode req) {
        String[] parts = path.substring("/services/".length()).split("/");
        if (parts.length == 2 && parts[1].equals("principals") && method.equals("POST")) {
            simulator.allowPrincipal(parts[0], text(req, "principal"));
            return req;
        }
        return null;
    }

    private JsonNode endpointRoute(String method, String path, JsonNode req) {
        if (!path.startsWith("/endpoints/")) {
            return null;
        }
        String[] parts = path.substring("/endpoints/".length()).split("/");
        String endpointId = parts[0];
        if (parts.length == 1 && method.equals("GET")) {
            return endpointStatus(endpointId);
        }
        if (parts.length == 1 && method.equals("DELETE")) {
            return message("deleted", String.valueOf(simulator.deleteEndpointOutOfBand(endpointId)));
        }
        if (parts.length == 2 && parts[1].equals("state") && (method.equals("PUT") || method.equals("POST"))) {
            simulator.setEndpointState(endpointId, VpcEndpointState.parse(text(req, "state")));
            return endpointStatus(endpointId);
        }
        return null;
    }

    private JsonNode endpointStatus(String endpointId) {
        ObjectNode node = json.createObjectNode().put("endpointId", endpointId);
        simulator.endpointState(endpointId).ifPresentOrElse(
                s -> node.put("state", s.wireValue()), () -> node.putNull("state"));
        return node;
    }

    private JsonNode calls() {
        ObjectNode node = json.createObjectNode();
        node.set("calls", json.valueToTree(simulator.callCounts()));
        node.set("throttled", json.valueToTree(simulator.throttledCounts()));
        node.put("throttledTotal", simulator.throttledCount());
        return node;
    }

    private JsonNode faults() {
        ObjectNode node = json.createObjectNode();
        node.set("faults", json.valueToTree(simulator.activeFaults()));
        return node;
    }

    private JsonNode rateLimits() {
        return json.createObjectNode().put("enabled", simulator.rateLimitsEnabled());
    }

    private static FaultSpec faultSpec(JsonNode req) {
        String kind = text(req, "kind").toLowerCase(Locale.ROOT).replace('_', '-');
        FaultSpec spec = switch (kind) {
            case "throttle", "throttling", "request-limit-exceeded" -> FaultSpec.throttling();
            case "internal-error", "error", "500" -> FaultSpec.internalError();
            case "latency" -> FaultSpec.latency(Duration.ofMillis(req.path("latencyMs").asLong()));
            default -> throw new IllegalArgumentException("unknown fault kind: " + kind);
        };
        if (req.hasNonNull("times")) {
            spec = spec.times(req.get("times").asInt());
        }
        if (req.hasNonNull("probability")) {
            spec = spec.withProbability(req.get("probability").asDouble());
        }
        return spec;
    }

    private static List<AvailabilityZone> zones(JsonNode array) {
        List<AvailabilityZone> zones = new ArrayList<>();
        array.forEach(z -> zones.add(new AvailabilityZone(text(z, "id"), text(z, "name"))));
        return zones;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value.asText();
    }

    private ObjectNode message(String field, String value) {
        return json.createObjectNode().put(field, value);
    }
}
