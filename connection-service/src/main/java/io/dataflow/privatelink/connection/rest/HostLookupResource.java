package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.connection.service.ClusterRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code GET …/privateLinkConnections:lookupHost}: answered by domain-service's routing table. */
@Path("/v1beta1/clusters/{clusterId}/privateLinkConnections:lookupHost")
@Produces(MediaType.APPLICATION_JSON)
public class HostLookupResource {

    private final ClusterRegistry clusters;
    private final QueryForwarder queries;

    HostLookupResource(ClusterRegistry clusters, QueryForwarder queries) {
        this.clusters = clusters;
        this.queries = queries;
    }

    @GET
    public Response lookup(@PathParam("clusterId") String clusterId, @Context UriInfo uri) {
        clusters.require(clusterId);
        return queries.forward(uri, clusterId);
    }
}
