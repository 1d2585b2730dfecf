package io.dataflow.privatelink.connection.rest;

import io.dataflow.privatelink.connection.mapping.ClusterMapper;
import io.dataflow.privatelink.connection.service.ClusterRegistry;
import io.dataflow.privatelink.contract.api.ListClustersResponse;
import io.dataflow.privatelink.contract.auth.Caller;
import io.dataflow.privatelink.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The clusters of the caller's projects with the caller's role in each (additive to the contract): what
 * the console offers to pick from, and whether it shows write actions.
 */
@Path("/v1beta1/clusters")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    private final ClusterRegistry clusters;
    private final CurrentCaller caller;

    ClusterResource(ClusterRegistry clusters, CurrentCaller caller) {
        this.clusters = clusters;
        this.caller = caller;
    }

    @GET
    public Uni<ListClustersResponse> list() {
        Caller who = caller.get();
        return clusters.visibleTo(who).map(found -> new ListClustersResponse(found.stream()
                .map(cluster -> ClusterMapper.toSummary(cluster, who.roleIn(cluster.projectId()).orElseThrow()))
                .toList()));
    }
}
