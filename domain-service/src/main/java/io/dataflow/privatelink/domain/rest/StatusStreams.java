package io.dataflow.privatelink.domain.rest;

import io.dataflow.privatelink.domain.service.CallerStreams;
import io.dataflow.privatelink.domain.service.StatusEvent;
import io.dataflow.privatelink.domain.service.StatusSubscriptions;
import io.dataflow.privatelink.security.CurrentCaller;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.util.Map;

/**
 * Server-Sent Events for status subscriptions: {@code id} = the change's sequence number (what a
 * client sends back as {@code Last-Event-ID}), {@code event} = {@code snapshot} (data: the connection as
 * the get operation shows it) or {@code deleted}, a comment heartbeat while idle, and {@code resync}
 * (data: {@code {"lastEventId"}}) when the stream ends because the client fell too far behind: it
 * reconnects with that id and misses nothing; {@code token-expired} (same data) when it ends because the
 * caller's token is no longer good: it reconnects from there with a new token.
 */
@ApplicationScoped
public class StatusStreams {

    public static final String SNAPSHOT = "snapshot";
    public static final String DELETED = "deleted";
    public static final String RESYNC = "resync";
    public static final String TOKEN_EXPIRED = "token-expired";

    private final StatusSubscriptions subscriptions;
    private final CurrentCaller caller;
    private final CallerStreams callerStreams;

    StatusStreams(StatusSubscriptions subscriptions, CurrentCaller caller, CallerStreams callerStreams) {
        this.subscriptions = subscriptions;
        this.caller = caller;
        this.callerStreams = callerStreams;
    }

    /**
     * The connection named (if any) was checked by {@link WatchRequestCheck}, the caller by the filters; the
     * stream ends when the caller's token does.
     */
    public Multi<OutboundSseEvent> open(Sse sse, String clusterId, String connectionId, String lastEventId) {
        Long resumeAfter = StatusSubscriptions.resumePoint(lastEventId);
        String subject = caller.subject();
        callerStreams.acquire(subject); // refused here, before the response starts, in the API's error format
        return subscriptions.subscribeUntil(clusterId, connectionId, resumeAfter, caller.validUntil())
                .map(event -> sseEvent(sse, event))
                .onTermination().invoke(() -> callerStreams.release(subject));
    }

    private static OutboundSseEvent sseEvent(Sse sse, StatusEvent event) {
        return switch (event.kind()) {
            case HEARTBEAT -> sse.newEventBuilder().comment("heartbeat").build();
            case RESYNC -> sse.newEventBuilder().name(RESYNC).mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(Map.class, Map.of("lastEventId", String.valueOf(event.seq()))).build();
            case TOKEN_EXPIRED -> sse.newEventBuilder().name(TOKEN_EXPIRED).mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(Map.class, Map.of("lastEventId", String.valueOf(event.seq()))).build();
            case DELETED -> sse.newEventBuilder().id(String.valueOf(event.seq())).name(DELETED)
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(Map.class, Map.of("privateLinkConnectionId", event.connectionId(),
                            "clusterId", event.clusterId()))
                    .build();
            case SNAPSHOT -> sse.newEventBuilder().id(String.valueOf(event.seq())).name(SNAPSHOT)
                    .data(String.class, event.snapshot()).build();
        };
    }
}
