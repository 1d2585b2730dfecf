package io.dataflow.privatelink.domain.rest;

import io.dataflow.privatelink.domain.service.ClusterTenancy;
import io.dataflow.privatelink.kit.api.ApiException;
import io.dataflow.privatelink.kit.api.ApiExceptionMappers;
import io.dataflow.privatelink.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every route that names a cluster answers only a caller with a role in its project (api-security's
 * AuthenticationFilter verified the caller first); {@code :lookupHost} also answers service callers with
 * the host look-up scope. A refusal is the API's NOT_FOUND, as for a cluster that does not exist.
 */
public class TenancyFilter {

    private final ClusterTenancy tenancy;
    private final CurrentCaller caller;

    TenancyFilter(ClusterTenancy tenancy, CurrentCaller caller) {
        this.tenancy = tenancy;
        this.caller = caller;
    }

    @ServerRequestFilter
    public Uni<Response> requireTenant(UriInfo uri) {
        String clusterId = uri.getPathParameters().getFirst("clusterId");
        if (clusterId == null) {
            return Uni.createFrom().nullItem();
        }
        Uni<Void> check = uri.getPath().endsWith(":lookupHost")
                ? tenancy.requireHostLookup(caller.get(), clusterId)
                : tenancy.requireReader(caller.get(), clusterId);
        return check.map(ok -> (Response) null)
                .onFailure(ApiException.class)
                .recoverWithItem(e -> ApiExceptionMappers.respond(((ApiException) e).code(), e.getMessage()));
    }
}
