package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.connection.security.AccessControl;
import io.dataflow.privatelink.connection.service.ConnectivityTests;
import io.dataflow.privatelink.contract.api.ConnectivityTest;
import io.dataflow.privatelink.contract.api.TestConnectivityBody;
import io.dataflow.privatelink.contract.auth.Role;
import io.dataflow.privatelink.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The {@code :testConnectivity} verb of a connection (additive): tests from the platform's network whether dataflow
 * reaches the service through it. Answers the test RUNNING; the connection's {@code connectivityTest} (get, history,
 * status stream) shows the checks once the worker of its cloud ran them.
 */
@Path("/v1beta1/clusters/{clusterId}/privateLinkConnections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConnectivityTestResource {

    private final ConnectivityTests tests;
    private final AccessControl access;
    private final CurrentCaller caller;

    ConnectivityTestResource(ConnectivityTests tests, AccessControl access, CurrentCaller caller) {
        this.tests = tests;
        this.access = access;
        this.caller = caller;
    }

    @POST
    @Path("/{privateLinkConnectionId}:testConnectivity")
    public Uni<ConnectivityTest> testConnectivity(@PathParam("clusterId") String clusterId,
                                                  @PathParam("privateLinkConnectionId") String connectionId,
                                                  TestConnectivityBody body) {
        String subject = caller.subject();
        return access.require(caller.get(), clusterId, Role.EDITOR)
                .chain(cluster -> tests.start(cluster.clusterId(), connectionId, body, subject));
    }
}
