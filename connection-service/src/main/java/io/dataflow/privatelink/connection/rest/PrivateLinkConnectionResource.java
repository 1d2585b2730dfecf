package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.connection.client.QueryForwarder;
import io.dataflow.privatelink.connection.security.AccessControl;
import io.dataflow.privatelink.connection.service.ConnectionCommandService;
import io.dataflow.privatelink.connection.service.IdempotentCreates;
import io.dataflow.privatelink.contract.api.CreatePrivateLinkConnectionBody;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.contract.api.UpdatePrivateLinkConnectionBody;
import io.dataflow.privatelink.contract.auth.Role;
import io.dataflow.privatelink.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The public API of private link connections (TiDB Cloud v1beta1 paths). Commands are handled here;
 * queries are answered by domain-service through {@link QueryForwarder}, which makes domain-service
 * wait for the caller's latest command on the cluster (read-your-writes).
 */
@Path("/v1beta1/clusters/{clusterId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PrivateLinkConnectionResource {

    /** Additive to the contract: a create repeated with the same key answers the first one's result. */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

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
    public Uni<PrivateLinkConnection> create(@PathParam("clusterId") String clusterId,
                                             @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                                             CreatePrivateLinkConnectionBody body) {
        var key = IdempotentCreates.validKey(idempotencyKey);
        String subject = caller.subject();
        return access.require(caller.get(), clusterId, Role.EDITOR)
                .chain(cluster -> commands.create(cluster, body, subject, key));
    }

    @DELETE
    @Path("/privateLinkConnections/{privateLinkConnectionId}")
    public Uni<PrivateLinkConnection> delete(@PathParam("clusterId") String clusterId,
                                             @PathParam("privateLinkConnectionId") String connectionId) {
        String subject = caller.subject();
        return access.require(caller.get(), clusterId, Role.EDITOR)
                .chain(cluster -> commands.delete(cluster.clusterId(), connectionId, subject));
    }

    /** Additive: renames the connection ({@code updateMask} "displayName", the one field that can change). */
    @PATCH
    @Path("/privateLinkConnections/{privateLinkConnectionId}")
    public Uni<PrivateLinkConnection> update(@PathParam("clusterId") String clusterId,
                                             @PathParam("privateLinkConnectionId") String connectionId,
                                             UpdatePrivateLinkConnectionBody body) {
        String subject = caller.subject();
        return access.require(caller.get(), clusterId, Role.EDITOR)
                .chain(cluster -> commands.rename(cluster.clusterId(), connectionId, body, subject));
    }

    @GET
    @Path("/privateLinkConnections")
    public Uni<Response> list(@PathParam("clusterId") String clusterId, @QueryParam("pageSize") String pageSize,
                              @QueryParam("pageToken") String pageToken, @QueryParam("state") String state) {
        return access.require(caller.get(), clusterId, Role.VIEWER).chain(cluster -> queries.forward(clusterId,
                minEvent -> queries.client().list(clusterId, pageSize, pageToken, state, minEvent)));
    }

    /** Additive: the connection's state changes (domain-service keeps them, also after deletion). */
    @GET
    @Path("/privateLinkConnections/{privateLinkConnectionId}/history")
    public Uni<Response> history(@PathParam("clusterId") String clusterId,
                                 @PathParam("privateLinkConnectionId") String connectionId) {
        return access.require(caller.get(), clusterId, Role.VIEWER).chain(cluster -> queries.forward(clusterId,
                minEvent -> queries.client().history(clusterId, connectionId, minEvent)));
    }

    @GET
    @Path("/privateLinkConnections/{privateLinkConnectionId}")
    public Uni<Response> get(@PathParam("clusterId") String clusterId,
                             @PathParam("privateLinkConnectionId") String connectionId) {
        return access.require(caller.get(), clusterId, Role.VIEWER).chain(cluster -> queries.forward(clusterId,
                minEvent -> queries.client().get(clusterId, connectionId, minEvent)));
    }
}
