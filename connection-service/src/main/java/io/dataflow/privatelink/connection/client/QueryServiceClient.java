package io.dataflow.privatelink.connection.client;

import io.dataflow.privatelink.kit.api.ReadYourWrites;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * domain-service's queries, as connection-service forwards them (MicroProfile REST Client, reactive;
 * base URL {@code plc.query-service.url}). Every answer comes back as it is, error bodies included;
 * {@code minEventId} is the cluster's latest command event, which domain-service waits to have projected.
 * The caller's {@code Authorization} header goes along (MicroProfile's header propagation,
 * {@code org.eclipse.microprofile.rest.client.propagateHeaders}): domain-service verifies every caller itself.
 */
@RegisterRestClient(configKey = "query-service")
@RegisterClientHeaders
@Path("/v1beta1/clusters/{clusterId}")
@Produces(MediaType.APPLICATION_JSON)
public interface QueryServiceClient {

    @GET
    @Path("/privateLinkConnections")
    Uni<Response> list(@PathParam("clusterId") String clusterId, @QueryParam("pageSize") String pageSize,
                       @QueryParam("pageToken") String pageToken, @QueryParam("state") String state,
                       @HeaderParam(ReadYourWrites.MIN_EVENT_HEADER) String minEventId);

    @GET
    @Path("/privateLinkConnections/{privateLinkConnectionId}")
    Uni<Response> get(@PathParam("clusterId") String clusterId,
                      @PathParam("privateLinkConnectionId") String connectionId,
                      @HeaderParam(ReadYourWrites.MIN_EVENT_HEADER) String minEventId);

    @GET
    @Path("/privateLinkConnections/{privateLinkConnectionId}/history")
    Uni<Response> history(@PathParam("clusterId") String clusterId,
                          @PathParam("privateLinkConnectionId") String connectionId,
                          @HeaderParam(ReadYourWrites.MIN_EVENT_HEADER) String minEventId);

    @GET
    @Path("/privateLinkConnections:lookupHost")
    Uni<Response> lookupHost(@PathParam("clusterId") String clusterId, @QueryParam("hostname") String hostname,
                             @HeaderParam(ReadYourWrites.MIN_EVENT_HEADER) String minEventId);
}
