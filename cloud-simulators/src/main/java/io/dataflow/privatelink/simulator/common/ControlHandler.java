package io.dataflow.privatelink.simulator.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

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
 * PUT    /_simulator/rate-limits            {"enabled":true}
 * </pre>
 *
 * A missing field or a bad value answers 400 {@code {"error":…}}, an unknown route 404.
 */
public abstract class ControlHandler implements HttpHandler {

    public static final String PREFIX = "/_simulator";

    protected final ObjectMapper json = new ObjectMapper();
    private final SimulatorOperations operations;

    protected ControlHandler(SimulatorOperations operations) {
        this.operations = operations;
    }

    /** The cloud-specific routes: the response body, or null for an unknown route. */
    protected abstract JsonNode route(String method, String path, JsonNode request);

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        int status = 200;
        JsonNode response;
        try {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode request = body.length == 0 ? json.createObjectNode() : json.readTree(body);
            String normalized = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            response = commonRoute(method, normalized, request);
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
        HttpExchanges.send(exchange, status, "application/json", json.writeValueAsBytes(response), Map.of());
    }

    private JsonNode commonRoute(String method, String path, JsonNode req) {
        switch (method + " " + path) {
            case "GET /health":
                return message("status", "UP");
            case "GET /calls":
                return calls();
            case "DELETE /calls", "POST /calls/reset":
                operations.resetCallCounts();
                return calls();
            case "GET /faults":
                return faults();
            case "POST /faults":
                operations.injectFault(text(req, "action"), faultSpec(req));
                return faults();
            case "DELETE /faults":
                operations.clearFaults();
                return faults();
            case "GET /rate-limits":
                return rateLimits();
            case "PUT /rate-limits", "POST /rate-limits":
                operations.setRateLimitsEnabled(req.path("enabled").asBoolean());
                return rateLimits();
            default:
                return null;
        }
    }

    private JsonNode calls() {
        ObjectNode node = json.createObjectNode();
        node.set("calls", json.valueToTree(operations.callCounts()));
        node.set("throttled", json.valueToTree(operations.throttledCounts()));
        node.put("throttledTotal", operations.throttledCount());
        return node;
    }

    private JsonNode faults() {
        ObjectNode node = json.createObjectNode();
        node.set("faults", json.valueToTree(operations.activeFaults()));
        return node;
    }

    private JsonNode rateLimits() {
        return json.createObjectNode().put("enabled", operations.rateLimitsEnabled());
    }

    static FaultSpec faultSpec(JsonNode req) {
        String kind = text(req, "kind").toLowerCase(Locale.ROOT).replace('_', '-');
        FaultSpec spec = switch (kind) {
            case "throttle", "throttling", "request-limit-exceeded" -> FaultSpec.throttling();
            case "internal-error", "error", "500" -> FaultSpec.internalError();
            case "service-unavailable", "unavailable", "503" -> FaultSpec.serviceUnavailable();
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

    protected ObjectNode message(String field, String value) {
        return json.createObjectNode().put(field, value);
    }
}
