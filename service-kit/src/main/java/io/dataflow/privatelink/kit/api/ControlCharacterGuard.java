package io.dataflow.privatelink.kit.api;

import io.dataflow.privatelink.contract.api.RpcCode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * Refuses a path or query parameter holding control characters (NUL above all: PostgreSQL cannot store
 * it, so such an id would otherwise fail deep in a query instead of being refused up front).
 */
public class ControlCharacterGuard {

    @ServerRequestFilter(preMatching = true)
    public Response refuseControlCharacters(ContainerRequestContext request) {
        if (ControlCharacters.in(request.getUriInfo().getPath())) {
            return ApiExceptionMappers.respond(RpcCode.INVALID_ARGUMENT,
                    "The path contains control characters; ids and names never do.");
        }
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            if (ControlCharacters.in(parameter.getKey()) || parameter.getValue().stream().anyMatch(ControlCharacters::in)) {
                return ApiExceptionMappers.respond(RpcCode.INVALID_ARGUMENT, "The query parameter "
                        + ControlCharacters.scrubbed(parameter.getKey()) + " contains control characters.");
            }
        }
        return null;
    }
}
