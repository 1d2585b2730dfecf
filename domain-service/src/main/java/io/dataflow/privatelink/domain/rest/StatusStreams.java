package io.dataflow.privatelink.domain.rest;

import io.dataflow.privatelink.domain.config.DomainServiceConfig;
import io.dataflow.privatelink.domain.repository.ChangeLogRepository.Change;
import io.dataflow.privatelink.domain.service.StatusSubscriptions;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.util.Map;

/**
 * Server-Sent Events for status subscriptions: {@code id} = the change's sequence number (what a
 * client sends back as {@code Last-Event-ID}), {@code event} = {@code snapshot} (data: the connection as
 * the get operation shows it) or {@code deleted}, and a comment heartbeat while idle.
 */
@ApplicationScoped
public class StatusStreams {

    public static final String SNAPSHOT = "snapshot";
    public static final String DELETED = "deleted";

    private final StatusSubscriptions subscriptions;
    private final DomainServiceConfig config;

    StatusStreams(StatusSubscriptions subscriptions, DomainServiceConfig config) {
        this.subscriptions = subscriptions;
        this.config = config;
    }

    public Multi<OutboundSseEvent> open(Sse sse, String clusterId, String connectionId, String lastEventId) {
        Long resumeAfter = subscriptions.resumePoint(clusterId, connectionId, lastEventId);
        Multi<OutboundSseEvent> changes = subscriptions.subscribe(clusterId, connectionId, resumeAfter)
                .map(change -> event(sse, change));
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.subscriptions().heartbeat())
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(changes, heartbeats);
    }

    private static OutboundSseEvent event(Sse sse, Change change) {
        OutboundSseEvent.Builder builder = sse.newEventBuilder().id(String.valueOf(change.seq()));
        if (change.snapshot() == null) {
            return builder.name(DELETED).mediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                    .data(Map.class, Map.of("privateLinkConnectionId", change.connectionId(),
                            "clusterId", change.clusterId()))
                    .build();
        }
        return builder.name(SNAPSHOT).data(String.class, change.snapshot()).build();
    }
}
