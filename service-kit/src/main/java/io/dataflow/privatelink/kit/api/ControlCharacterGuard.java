package io.dataflow.privatelink.kit.api;

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
        if (hasControl(request.getUriInfo().getPath())) {
            return ApiExceptionMappers.respond(RpcCode.INVALID_ARGUMENT,
                    "The path contains control characters; ids and names never do.");
        }
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            if (hasControl(parameter.getKey()) || parameter.getValue().stream().anyMatch(ControlCharacterGuard::hasControl)) {
                return ApiExceptionMappers.respond(RpcCode.INVALID_ARGUMENT, "The query parameter "
                        + parameter.getKey().replaceAll("\\p{Cntrl}", "?") + " contains control characters.");
            }
        }
        return null;
    }

    public static boolean hasControl(String value) {
        return value != null && value.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
