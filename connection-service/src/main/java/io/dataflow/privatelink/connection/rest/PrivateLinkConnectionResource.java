package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.connection.security.AccessControl;
import io.dataflow.privatelink.connection.security.CurrentCaller;
import io.dataflow.privatelink.contract.auth.Role;
import io.dataflow.privatelink.connection.service.ConnectionCommandService;
import io.dataflow.privatelink.contract.api.CreatePrivateLinkConnectionBody;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The public API of private link connections (TiDB Cloud v1beta1 paths). Commands are handled here;
 * queries are answered by domain-service through {@link QueryForwarder}, which makes domain-service
 * wait for the caller's latest command on the cluster (read-your-writes).
 */
@Path("/v1beta1/clusters/{clusterId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PrivateLinkConnectionResource {

    private final ConnectionCommandService commands;
    private final AccessControl access;
    private final CurrentCaller caller;
    private final QueryForwarder queries;

    PrivateLinkConnectionResource(ConnectionCommandService commands, AccessControl access, CurrentCaller caller,
                                  QueryForwarder queries) {
        this.access = access;
        this.caller = caller;
        this.commands = commands;
        this.queries = queries;
    }

    @POST
    @Path("/privateLinkConnections")
    public PrivateLinkConnection create(@PathParam("clusterId") String clusterId,
                                        CreatePrivateLinkConnectionBody body) {
        return commands.create(access.require(caller.get(), clusterId, Role.EDITOR).clusterId(), body, caller.subject()).toApi();
    }

    @DELETE
    @Path("/privateLinkConnections/{privateLinkConnectionId}")
    public PrivateLinkConnection delete(@PathParam("clusterId") String clusterId,
                                        @PathParam("privateLinkConnectionId") String connectionId) {
        return commands.delete(access.require(caller.get(), clusterId, Role.EDITOR).clusterId(), connectionId,
                caller.subject()).toApi();
    }

    @GET
    @Path("/privateLinkConnections")
    public Response list(@PathParam("clusterId") String clusterId, @Context UriInfo uri) {
        access.require(caller.get(), clusterId, Role.VIEWER);
        return queries.forward(uri, clusterId);
    }

    /** Additive: the connection's state changes (domain-service keeps them, also after deletion). */
    @GET
    @Path("/privateLinkConnections/{privateLinkConnectionId}/history")
    public Response history(@PathParam("clusterId") String clusterId, @Context UriInfo uri) {
        access.require(caller.get(), clusterId, Role.VIEWER);
        return queries.forward(uri, clusterId);
    }

    @GET
    @Path("/privateLinkConnections/{privateLinkConnectionId}")
    public Response get(@PathParam("clusterId") String clusterId,
                        @PathParam("privateLinkConnectionId") String connectionId, @Context UriInfo uri) {
        access.require(caller.get(), clusterId, Role.VIEWER);
        return queries.forward(uri, clusterId);
    }
}
