package io.dataflow.privatelink.domain.rest;

import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/** Additive {@code GET …/privateLinkConnections:watch}: every change of the cluster's connections, as SSE. */
@Path("/v1beta1/clusters/{clusterId}/privateLinkConnections:watch")
public class ClusterWatchResource {

    private final StatusStreams streams;

    ClusterWatchResource(StatusStreams streams) {
        this.streams = streams;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> watch(@PathParam("clusterId") String clusterId,
                                         @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        return streams.open(sse, clusterId, null, lastEventId);
    }
}
