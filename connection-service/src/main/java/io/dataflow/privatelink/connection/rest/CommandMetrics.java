package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.contract.api.RpcCode;
import io.dataflow.privatelink.kit.api.ApiError;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code plc_commands_total{kind, outcome}}: each command the API answered, by what it asked (create, delete,
 * attach, detach: the resource method) and how it ended (OK, or the google.rpc code of the refusal).
 */
@ApplicationScoped
public class CommandMetrics {

    private static final Set<String> COMMAND_METHODS = Set.of("POST", "DELETE", "PATCH", "PUT");
    private static final Map<Integer, String> CODE_NAMES = Arrays.stream(RpcCode.values())
            .collect(Collectors.toMap(RpcCode::code, RpcCode::name));

    private final MeterRegistry registry;

    CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo resource) {
        if (!COMMAND_METHODS.contains(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/v1beta1/")) {
            return;
        }
        String kind = resource == null || resource.getMethodName() == null ? "unmatched" : resource.getMethodName();
        registry.counter("plc.commands", "kind", kind, "outcome", outcome(response)).increment();
    }

    static String outcome(ContainerResponseContext response) {
        if (response.getStatus() < 300) {
            return "OK";
        }
        if (response.getEntity() instanceof ApiError error) {
            return CODE_NAMES.getOrDefault(error.code(), "CODE_" + error.code());
        }
        return "HTTP_" + response.getStatus();
    }
}
