package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.connection.client.QueryForwarder;
import io.dataflow.privatelink.connection.security.AccessControl;
import io.dataflow.privatelink.contract.auth.Role;
import io.dataflow.privatelink.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET …/privateLinkConnections:lookupHost}: answered by domain-service's routing table. */
@Path("/v1beta1/clusters/{clusterId}/privateLinkConnections:lookupHost")
@Produces(MediaType.APPLICATION_JSON)
public class HostLookupForwardResource {

    private final AccessControl access;
    private final CurrentCaller caller;
    private final QueryForwarder queries;

    HostLookupForwardResource(AccessControl access, CurrentCaller caller, QueryForwarder queries) {
        this.access = access;
        this.caller = caller;
        this.queries = queries;
    }

    @GET
    public Uni<Response> lookup(@PathParam("clusterId") String clusterId, @QueryParam("hostname") String hostname) {
        return access.require(caller.get(), clusterId, Role.VIEWER).chain(cluster -> queries.forward(clusterId,
                minEvent -> queries.client().lookupHost(clusterId, hostname, minEvent)));
    }
}
