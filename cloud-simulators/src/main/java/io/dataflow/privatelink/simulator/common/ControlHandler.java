package io.dataflow.privatelink.simulator.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * JSON control endpoints under {@code /_simulator/}, a prefix no cloud request uses. The routes every
 * simulator has are served here; a subclass adds its cloud's own (accounts, resources, state hooks):
 *
 * <pre>
 * GET    /_simulator/health
 * GET    /_simulator/calls                  {"calls":{action:n},"throttled":{action:n},"throttledTotal":n}
 * DELETE /_simulator/calls                  reset counters (POST /_simulator/calls/reset works too)
 * GET    /_simulator/faults                 armed faults
 * POST   /_simulator/faults                 {"action":"CreateVpcEndpoint","kind":"throttle|internal-error|
 *                                            service-unavailable|latency","latencyMs":200,"times":3,"probability":0.5}
 * DELETE /_simulator/faults                 clear faults
 * GET    /_simulator/rate-limits            {"enabled":false}
 * GET    /_simulator/dns/resolve?vpcId=&name=  what the name resolves to in the VPC ({@link DnsAnswer})
 * PUT    /_simulator/rate-limits            {"enabled":true}
 * GET    /_simulator/endpoints/{id}         {"endpointId",…states, null once gone} ({@link #describeEndpoint})
 * PUT    /_simulator/endpoints/{id}/{hook}  force its state(s) ({@link #forceEndpointState}), answer as GET
 * DELETE /_simulator/endpoints/{id}         out-of-band deletion (drift): {"deleted":"true|false"}
 * POST   /_simulator/services               create a service ({@link #createService}), {"acceptance":"manual"} (the
 *                                            default) or "automatic": {"serviceId","serviceName"}
 * GET    /_simulator/services/{id}/backends  {"9092":"127.0.0.1:19092"}: where the service's load balancer
 *                                            forwards, port → host:port ({} when none)
 * PUT    /_simulator/services/{id}/backends  {"9092":"127.0.0.1:19092"} replaces them, {} removes them; answers as
 *                                            GET ({@link CloudSimulator#setServiceBackends})
 * …      /_simulator/services/{id}/…        the cloud's service hooks ({@link #serviceRoute})
 * </pre>
 *
 * A missing field or a bad value answers 400 {@code {"error":…}}, an unknown route 404.
 */
public abstract class ControlHandler implements HttpHandler {

    public static final String PREFIX = "/_simulator";

    protected final ObjectMapper json = new ObjectMapper();
    private final CloudSimulator<?> simulator;
    private final String endpointHook;

    /**
     * @param endpointHook the last segment of {@code PUT /endpoints/{id}/…}, the route that forces an
     *                     endpoint's state(s) ({@code state} on EC2, {@code status} on Alibaba Cloud)
     */
    protected ControlHandler(CloudSimulator<?> simulator, String endpointHook) {
        this.simulator = simulator;
        this.endpointHook = endpointHook;
    }

    /** The cloud-specific routes: the response body, or null for an unknown route. */
    protected abstract JsonNode route(String method, String path, JsonNode request);

    /** {@code POST /services}: creates an endpoint service; answers {@code {"serviceId","serviceName"}}. */
    protected abstract JsonNode createService(JsonNode request);

    /**
     * {@code /services/{id}/…}: {@code parts} are the path segments after {@code /services/}, the service id
     * first. The response body, or null for an unknown route.
     */
    protected abstract JsonNode serviceRoute(String method, String[] parts, JsonNode request);

    /** {@code GET /endpoints/{id}}: adds the endpoint's state fields to {@code view} (see {@link #putWire}). */
    protected abstract void describeEndpoint(String endpointId, ObjectNode view);

    /** {@code PUT /endpoints/{id}/{hook}}: forces the state(s) the request names. */
    protected abstract void forceEndpointState(String endpointId, JsonNode request);

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        int status = 200;
        JsonNode response;
        try {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode request = body.length == 0 ? json.createObjectNode() : json.readTree(body);
            if (body.length == 0 && exchange.getRequestURI().getRawQuery() != null) {
                // GET control calls take their arguments from the query string.
                ObjectNode fromQuery = json.createObjectNode();
                SimulatorHttpServer.queryParams(exchange).forEach(fromQuery::put);
                request = fromQuery;
            }
            String normalized = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            response = commonRoute(method, normalized, request);
            if (response == null && normalized.startsWith("/endpoints/")) {
                response = endpointRoute(method, normalized, request);
            }
            if (response == null && normalized.startsWith("/services/")) {
                String[] parts = normalized.substring("/services/".length()).split("/");
                response = backendsRoute(method, parts, request);
                if (response == null) {
                    response = serviceRoute(method, parts, request);
                }
            }
            if (response == null && method.equals("POST") && normalized.equals("/services")) {
                response = createService(request);
            }
            if (response == null) {
                response = route(method, normalized, request);
            }
            if (response == null) {
                status = 404;
                response = message("error", "no control endpoint " + method + " " + PREFIX + path);
            }
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            status = 400;
            response = message("error", String.valueOf(e.getMessage()));
        }
        SimulatorHttpServer.send(exchange, status, "application/json", json.writeValueAsBytes(response), Map.of());
    }

    private JsonNode commonRoute(String method, String path, JsonNode req) {
        return switch (method + " " + path) {
            case "GET /dns/resolve" -> json.valueToTree(simulator.resolve(text(req, "vpcId"), text(req, "name")));
            case "GET /health" -> message("status", "UP");
            case "GET /calls" -> calls();
            case "DELETE /calls", "POST /calls/reset" -> {
                simulator.resetCallCounts();
                yield calls();
            }
            case "GET /faults" -> faults();
            case "POST /faults" -> {
                simulator.injectFault(text(req, "action"), faultSpec(req));
                yield faults();
            }
            case "DELETE /faults" -> {
                simulator.clearFaults();
                yield faults();
            }
            case "GET /rate-limits" -> rateLimits();
            case "PUT /rate-limits", "POST /rate-limits" -> {
                simulator.setRateLimitsEnabled(req.path("enabled").asBoolean());
                yield rateLimits();
            }
            default -> null;
        };
    }

    /** {@code GET|PUT /services/{id}/backends}; null for any other route. */
    private JsonNode backendsRoute(String method, String[] parts, JsonNode req) {
        if (parts.length != 2 || !parts[1].equals("backends")) {
            return null;
        }
        return switch (method) {
            case "GET" -> json.valueToTree(simulator.serviceBackends(parts[0]));
            case "PUT", "POST" -> {
                simulator.setServiceBackends(parts[0], backends(req));
                yield json.valueToTree(simulator.serviceBackends(parts[0]));
            }
            default -> null;
        };
    }

    /** {@code {"9092":"127.0.0.1:19092"}}: port → host:port. */
    static Map<Integer, String> backends(JsonNode req) {
        if (!req.isObject()) {
            throw new IllegalArgumentException(
                    "backends are an object of port → host:port: {\"9092\":\"127.0.0.1:19092\"}");
        }
        Map<Integer, String> backends = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : req.properties()) {
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException("the backend of port " + field.getKey() + " is host:port, got "
                        + field.getValue());
            }
            try {
                backends.put(Integer.parseInt(field.getKey()), field.getValue().asText());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a port is a number, got '" + field.getKey() + "'", e);
            }
        }
        return backends;
    }

    private JsonNode endpointRoute(String method, String path, JsonNode req) {
        String[] parts = path.substring("/endpoints/".length()).split("/", -1);
        String endpointId = parts[0];
        if (parts.length == 1 && method.equals("GET")) {
            return endpointView(endpointId);
        }
        if (parts.length == 1 && method.equals("DELETE")) {
            return message("deleted", String.valueOf(simulator.deleteEndpointOutOfBand(endpointId)));
        }
        if (parts.length == 2 && parts[1].equals(endpointHook) && (method.equals("PUT") || method.equals("POST"))) {
            forceEndpointState(endpointId, req);
            return endpointView(endpointId);
        }
        return null;
    }

    private JsonNode endpointView(String endpointId) {
        ObjectNode node = json.createObjectNode().put("endpointId", endpointId);
        describeEndpoint(endpointId, node);
        return node;
    }

    /** Puts a state's wire value, or null when the endpoint is gone. */
    protected static void putWire(ObjectNode node, String field, Optional<? extends WireValue> value) {
        value.ifPresentOrElse(v -> node.put(field, v.wireValue()), () -> node.putNull(field));
    }

    private JsonNode calls() {
        ObjectNode node = json.createObjectNode();
        node.set("calls", json.valueToTree(simulator.callCounts()));
        node.set("throttled", json.valueToTree(simulator.throttledCounts()));
        return node.put("throttledTotal", simulator.throttledCount());
    }

    private JsonNode faults() {
        return json.createObjectNode().set("faults", json.valueToTree(simulator.activeFaults()));
    }

    private JsonNode rateLimits() {
        return json.createObjectNode().put("enabled", simulator.rateLimitsEnabled());
    }

    static FaultSpec faultSpec(JsonNode req) {
        String kind = text(req, "kind").toLowerCase(Locale.ROOT).replace('_', '-');
        FaultSpec spec = switch (kind) {
            case "throttle", "throttling", "request-limit-exceeded" -> FaultSpec.throttling();
            case "internal-error", "error", "500" -> FaultSpec.internalError();
            case "service-unavailable", "unavailable", "503" -> FaultSpec.serviceUnavailable();
            case "prior-request-not-complete" -> FaultSpec.priorRequestNotComplete();
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

    /** A required, non-empty text field. */
    protected static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value.asText();
    }

    /** {@code "acceptance"}: {@code manual} (the default) or {@code automatic}, as {@link Acceptance} means them. */
    protected static Acceptance acceptance(JsonNode req) {
        return req.hasNonNull("acceptance") ? Acceptance.valueOf(text(req, "acceptance").toUpperCase(Locale.ROOT))
                : Acceptance.MANUAL;
    }

    protected ObjectNode message(String field, String value) {
        return json.createObjectNode().put(field, value);
    }
}
