package io.dataflow.privatelink.security;

import io.dataflow.privatelink.kit.api.ApiException;
import io.dataflow.privatelink.kit.api.ApiExceptionMappers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every API request ({@code /v1beta1/**}) carries a bearer token, verified before anything else runs; the
 * caller is kept for the request. Nothing answers without one but health (on the management port).
 */
public class AuthenticationFilter {

    private final BearerTokens tokens;
    private final CurrentCaller current;

    AuthenticationFilter(BearerTokens tokens, CurrentCaller current) {
        this.tokens = tokens;
        this.current = current;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/v1beta1/")) {
            return Uni.createFrom().nullItem();
        }
        return tokens.verifyHeader(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .map(caller -> {
                    current.set(caller);
                    return (Response) null;
                })
                .onFailure(ApiException.class)
                .recoverWithItem(e -> ApiExceptionMappers.respond(((ApiException) e).code(), e.getMessage()));
    }
}
