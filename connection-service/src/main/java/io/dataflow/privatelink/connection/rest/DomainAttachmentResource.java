package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.connection.security.AccessControl;
import io.dataflow.privatelink.connection.service.DomainCommandService;
import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.AttachDomainsBody;
import io.dataflow.privatelink.contract.api.DetachDomainsBody;
import io.dataflow.privatelink.contract.auth.Role;
import io.dataflow.privatelink.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;

/** The {@code :attachDomains} and {@code :detachDomains} verbs of a connection (TiDB Cloud v1beta1 paths). */
@Path("/v1beta1/clusters/{clusterId}/privateLinkConnections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DomainAttachmentResource {

    /** How long an attach waits for a worker report this service has not followed yet (see awaitEndpointReport). */
    private static final Duration ENDPOINT_REPORT_WAIT = Duration.ofSeconds(3);

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
    public Uni<AttachDomain> attach(@PathParam("clusterId") String clusterId,
                                    @PathParam("privateLinkConnectionId") String connectionId, AttachDomainsBody body) {
        String subject = caller.subject();
        return access.require(caller.get(), clusterId, Role.EDITOR)
                .call(() -> commands.awaitEndpointReport(connectionId, ENDPOINT_REPORT_WAIT))
                .chain(cluster -> commands.attach(cluster.clusterId(), connectionId, body, subject));
    }

    @POST
    @Path("/{privateLinkConnectionId}:detachDomains")
    public Uni<AttachDomain> detach(@PathParam("clusterId") String clusterId,
                                    @PathParam("privateLinkConnectionId") String connectionId, DetachDomainsBody body) {
        String subject = caller.subject();
        return access.require(caller.get(), clusterId, Role.EDITOR)
                .chain(cluster -> commands.detach(cluster.clusterId(), connectionId, body, subject));
    }
}
