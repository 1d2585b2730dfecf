package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.connection.service.ClusterRegistry;
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
    private final ClusterRegistry clusters;
    private final QueryForwarder queries;
    private final ConnectionServiceConfig config;

    PrivateLinkConnectionResource(ConnectionCommandService commands, ClusterRegistry clusters, QueryForwarder queries,
                                  ConnectionServiceConfig config) {
        this.commands = commands;
        this.clusters = clusters;
        this.queries = queries;
        this.config = config;
    }

    @POST
    @Path("/privateLinkConnections")
    public PrivateLinkConnection create(@PathParam("clusterId") String clusterId,
                                        CreatePrivateLinkConnectionBody body) {
        return commands.create(clusterId, body, config.defaultPrincipal()).toApi();
    }

    @DELETE
    @Path("/privateLinkConnections/{privateLinkConnectionId}")
    public PrivateLinkConnection delete(@PathParam("clusterId") String clusterId,
                                        @PathParam("privateLinkConnectionId") String connectionId) {
        return commands.delete(clusterId, connectionId, config.defaultPrincipal()).toApi();
    }

    @GET
    @Path("/privateLinkConnections")
    public Response list(@PathParam("clusterId") String clusterId, @Context UriInfo uri) {
        clusters.require(clusterId);
        return queries.forward(uri, clusterId);
    }

    /** Additive: the connection's state changes (domain-service keeps them, also after deletion). */
    @GET
    @Path("/privateLinkConnections/{privateLinkConnectionId}/history")
    public Response history(@PathParam("clusterId") String clusterId, @Context UriInfo uri) {
        clusters.require(clusterId);
        return queries.forward(uri, clusterId);
    }

    @GET
    @Path("/privateLinkConnections/{privateLinkConnectionId}")
    public Response get(@PathParam("clusterId") String clusterId,
                        @PathParam("privateLinkConnectionId") String connectionId, @Context UriInfo uri) {
        clusters.require(clusterId);
        return queries.forward(uri, clusterId);
    }
}
