package io.dataflow.privatelink.connection.security;

import io.dataflow.privatelink.kit.api.ApiException;
import io.dataflow.privatelink.kit.api.ApiExceptionMappers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Every API request carries a bearer token; the verified caller is kept for the request. */
public class AuthenticationFilter {

    private final TokenVerifier verifier;
    private final CurrentCaller current;

    AuthenticationFilter(TokenVerifier verifier, CurrentCaller current) {
        this.verifier = verifier;
        this.current = current;
    }

    @ServerRequestFilter(preMatching = true)
    public Response authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/v1beta1/")) {
            return null;
        }
        try {
            current.set(verifier.verify(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
            return null;
        } catch (ApiException e) {
            return ApiExceptionMappers.respond(e.code(), e.getMessage());
        }
    }
}
