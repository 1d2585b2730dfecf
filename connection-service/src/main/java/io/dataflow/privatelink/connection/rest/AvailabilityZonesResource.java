package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.connection.security.AccessControl;
import io.dataflow.privatelink.contract.api.GetAvailabilityZonesResponse;
import io.dataflow.privatelink.contract.auth.Role;
import io.dataflow.privatelink.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET …/privateLinkConnections:getAvailabilityZones}: the platform account the customer must
 * allow-list and the cluster's zones their service must overlap. A resource of its own because the
 * router would otherwise take {@code privateLinkConnections} as a prefix match of the list operation.
 */
@Path("/v1beta1/clusters/{clusterId}/privateLinkConnections:getAvailabilityZones")
@Produces(MediaType.APPLICATION_JSON)
public class AvailabilityZonesResource {

    private final AccessControl access;
    private final CurrentCaller caller;

    AvailabilityZonesResource(AccessControl access, CurrentCaller caller) {
        this.access = access;
        this.caller = caller;
    }

    @GET
    public Uni<GetAvailabilityZonesResponse> availabilityZones(@PathParam("clusterId") String clusterId) {
        return access.require(caller.get(), clusterId, Role.VIEWER)
                .map(cluster -> new GetAvailabilityZonesResponse(cluster.accountId(), cluster.azIds()));
    }
}
