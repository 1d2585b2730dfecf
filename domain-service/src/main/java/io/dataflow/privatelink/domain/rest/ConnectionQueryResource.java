package io.dataflow.privatelink.domain.rest;

import io.dataflow.privatelink.contract.api.ConnectionHistory;
import io.dataflow.privatelink.contract.api.ListPrivateLinkConnectionsResponse;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.domain.service.ConnectionQueries;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The read operations of the public API (reached through connection-service's base URL). */
@Path("/v1beta1/clusters/{clusterId}/privateLinkConnections")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionQueryResource {

    private final ConnectionQueries queries;

    ConnectionQueryResource(ConnectionQueries queries) {
        this.queries = queries;
    }

    @GET
    public Uni<ListPrivateLinkConnectionsResponse> list(@PathParam("clusterId") String clusterId,
                                                        @QueryParam("pageSize") String pageSize,
                                                        @QueryParam("pageToken") String pageToken,
                                                        @QueryParam("state") String state) {
        return queries.list(clusterId, QueryParams.optionalInt("pageSize", pageSize), pageToken, state);
    }

    /** Additive: the connection's state changes with time and reason, also after its deletion. */
    @GET
    @Path("/{privateLinkConnectionId}/history")
    public Uni<ConnectionHistory> history(@PathParam("clusterId") String clusterId,
                                          @PathParam("privateLinkConnectionId") String connectionId) {
        return queries.history(clusterId, connectionId);
    }

    @GET
    @Path("/{privateLinkConnectionId}")
    public Uni<PrivateLinkConnection> get(@PathParam("clusterId") String clusterId,
                                          @PathParam("privateLinkConnectionId") String connectionId) {
        return queries.get(clusterId, connectionId);
    }
}
