package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.connection.security.AccessControl;
import io.dataflow.privatelink.connection.service.ConnectionQuotas;
import io.dataflow.privatelink.connection.service.GetQuotaResponse;
import io.dataflow.privatelink.contract.auth.Role;
import io.dataflow.privatelink.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET …/privateLinkConnections:getQuota} (additive): the cluster's and its project's connection limits
 * and how many connections they have now, from this service's own table (what a create is checked against).
 * A resource of its own, like {@code :getAvailabilityZones}: the router would otherwise take
 * {@code privateLinkConnections} as a prefix match of the list operation.
 */
@Path("/v1beta1/clusters/{clusterId}/privateLinkConnections:getQuota")
@Produces(MediaType.APPLICATION_JSON)
public class QuotaResource {

    private final AccessControl access;
    private final CurrentCaller caller;
    private final ConnectionQuotas quotas;

    QuotaResource(AccessControl access, CurrentCaller caller, ConnectionQuotas quotas) {
        this.access = access;
        this.caller = caller;
        this.quotas = quotas;
    }

    @GET
    public Uni<GetQuotaResponse> quota(@PathParam("clusterId") String clusterId) {
        return access.require(caller.get(), clusterId, Role.VIEWER).chain(quotas::quotaOf);
    }
}
