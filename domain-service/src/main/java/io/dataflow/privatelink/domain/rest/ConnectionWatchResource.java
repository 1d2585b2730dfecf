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

/** Additive {@code GET …/privateLinkConnections/{id}:watch}: every change of one connection, as SSE. */
@Path("/v1beta1/clusters/{clusterId}/privateLinkConnections/{privateLinkConnectionId}:watch")
public class ConnectionWatchResource {

    private final StatusStreams streams;

    ConnectionWatchResource(StatusStreams streams) {
        this.streams = streams;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> watch(@PathParam("clusterId") String clusterId,
                                         @PathParam("privateLinkConnectionId") String connectionId,
                                         @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        return streams.open(sse, clusterId, connectionId, lastEventId);
    }
}
