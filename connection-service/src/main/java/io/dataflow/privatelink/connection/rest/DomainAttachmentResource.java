package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.connection.security.AccessControl;
import io.dataflow.privatelink.connection.security.CurrentCaller;
import io.dataflow.privatelink.contract.auth.Role;
import io.dataflow.privatelink.connection.service.DomainCommandService;
import io.dataflow.privatelink.contract.ConnectionIds;
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

    /** How long an attach waits for a worker report this service has not followed yet (see awaitEndpointReport). */
    private static final java.time.Duration ENDPOINT_REPORT_WAIT = java.time.Duration.ofSeconds(3);

    private final DomainCommandService commands;
    private final AccessControl access;
    private final CurrentCaller caller;

    DomainAttachmentResource(DomainCommandService commands, AccessControl access, CurrentCaller caller) {
        this.commands = commands;
        this.access = access;
        this.caller = caller;
    }

    @POST
    @Path("/{privateLinkConnectionId}:attachDomains")
    public AttachDomain attach(@PathParam("clusterId") String clusterId,
                               @PathParam("privateLinkConnectionId") String connectionId, AttachDomainsBody body) {
        String cluster = access.require(caller.get(), clusterId, Role.EDITOR).clusterId();
        if (ConnectionIds.isValid(connectionId)) {
            commands.awaitEndpointReport(connectionId, ENDPOINT_REPORT_WAIT);
        }
        return commands.attach(cluster, connectionId, body, caller.subject());
    }

    @POST
    @Path("/{privateLinkConnectionId}:detachDomains")
    public AttachDomain detach(@PathParam("clusterId") String clusterId,
                               @PathParam("privateLinkConnectionId") String connectionId, DetachDomainsBody body) {
        return commands.detach(access.require(caller.get(), clusterId, Role.EDITOR).clusterId(), connectionId, body,
                caller.subject());
    }
}
