package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.connection.service.DomainCommandService;
import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.AttachDomainsBody;
import io.dataflow.privatelink.contract.api.DetachDomainsBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The {@code :attachDomains} and {@code :detachDomains} verbs of a connection (TiDB Cloud v1beta1 paths). */
@Path("/v1beta1/clusters/{clusterId}/privateLinkConnections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DomainAttachmentResource {

    private final DomainCommandService commands;
    private final ConnectionServiceConfig config;

    DomainAttachmentResource(DomainCommandService commands, ConnectionServiceConfig config) {
        this.commands = commands;
        this.config = config;
    }

    @POST
    @Path("/{privateLinkConnectionId}:attachDomains")
    public AttachDomain attach(@PathParam("clusterId") String clusterId,
                               @PathParam("privateLinkConnectionId") String connectionId, AttachDomainsBody body) {
        return commands.attach(clusterId, connectionId, body, config.defaultPrincipal());
    }

    @POST
    @Path("/{privateLinkConnectionId}:detachDomains")
    public AttachDomain detach(@PathParam("clusterId") String clusterId,
                               @PathParam("privateLinkConnectionId") String connectionId, DetachDomainsBody body) {
        return commands.detach(clusterId, connectionId, body, config.defaultPrincipal());
    }
}
