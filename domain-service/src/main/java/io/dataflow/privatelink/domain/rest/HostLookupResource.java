package io.dataflow.privatelink.domain.rest;

import io.dataflow.privatelink.contract.api.HostRoute;
import io.dataflow.privatelink.domain.service.HostRoutes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Additive {@code GET …/privateLinkConnections:lookupHost?hostname=}: which connection serves a hostname
 * (e.g. a Kafka broker's advertised name), for dataflow services. A resource of its own for the same
 * reason as {@code :getAvailabilityZones}: the verb must not be taken for a connection id.
 */
@Path("/v1beta1/clusters/{clusterId}/privateLinkConnections:lookupHost")
@Produces(MediaType.APPLICATION_JSON)
public class HostLookupResource {

    private final HostRoutes routes;

    HostLookupResource(HostRoutes routes) {
        this.routes = routes;
    }

    @GET
    public io.smallrye.mutiny.Uni<HostRoute> lookup(@PathParam("clusterId") String clusterId, @QueryParam("hostname") String hostname) {
        return routes.lookup(clusterId, hostname);
    }
}
