package io.dataflow.privatelink.domain.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.domain.service.CallerStreams;
import io.dataflow.privatelink.domain.service.ClusterTenancy;
import io.dataflow.privatelink.domain.service.StatusEvent;
import io.dataflow.privatelink.domain.service.StatusSubscriptions;
import io.dataflow.privatelink.kit.api.ApiError;
import io.dataflow.privatelink.kit.api.ApiException;
import io.dataflow.privatelink.kit.db.SafeContexts;
import io.dataflow.privatelink.security.BearerTokens;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Multi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The status stream for browsers, over WebSocket (additive): the same events as the SSE streams, one
 * JSON text message each: {@code {"id", "event": "snapshot"|"deleted", "data"}}. Browsers cannot set
 * headers on a WebSocket, so the resume point is the {@code lastEventId} query parameter; the
 * connection id, when given, is the {@code privateLinkConnectionId} query parameter. The caller is verified
 * here as on every route: the {@code Authorization} header of the handshake (connection-service's proxy sends
 * the browser's token there, never in the URL) and the cluster's tenancy; the stream ends with
 * {@code token-expired} when the token does. A refused request gets one message with the API's error body,
 * then the socket closes.
 */
@WebSocket(path = "/v1beta1/ws/clusters/{clusterId}/privateLinkConnections")
public class StatusWebSocket {

    private final StatusSubscriptions subscriptions;
    private final BearerTokens tokens;
    private final ClusterTenancy tenancy;
    private final CallerStreams callerStreams;

    StatusWebSocket(StatusSubscriptions subscriptions, BearerTokens tokens, ClusterTenancy tenancy,
                    CallerStreams callerStreams) {
        this.subscriptions = subscriptions;
        this.tokens = tokens;
        this.tenancy = tenancy;
        this.callerStreams = callerStreams;
    }

    @OnOpen
    public Multi<String> open(@PathParam String clusterId, WebSocketConnection connection) {
        Map<String, String> query = queryParams(connection.handshakeRequest().query());
        String connectionId = query.get("privateLinkConnectionId");
        String lastEventId = query.get("lastEventId");
        Long resumeAfter;
        try {
            resumeAfter = StatusSubscriptions.resumePoint(lastEventId);
        } catch (ApiException e) {
            return refusal(e, connection);
        }
        // The check reads the database, reactively: a refusal is one message with the API's error body.
        String authorization = connection.handshakeRequest().header("Authorization");
        return SafeContexts.onNewContext(() -> tokens.verifyHeader(authorization)
                        .call(verified -> tenancy.requireReader(verified.caller(), clusterId))
                        .call(verified -> subscriptions.requireConnection(clusterId, connectionId)))
                .onItem().transformToMulti(verified -> {
                    String subject = verified.caller().subject();
                    callerStreams.acquire(subject);
                    return subscriptions.subscribeUntil(clusterId, connectionId, resumeAfter, verified.validUntil())
                            // a WebSocket keeps itself alive (pings): heartbeats are for event streams
                            .filter(event -> event.kind() != StatusEvent.Kind.HEARTBEAT)
                            .map(StatusWebSocket::message)
                            .onTermination().invoke(() -> callerStreams.release(subject));
                })
                .onFailure(ApiException.class).recoverWithMulti(e -> refusal((ApiException) e, connection));
    }

    private static Multi<String> refusal(ApiException e, WebSocketConnection connection) {
        return Multi.createFrom().item(EventJson.write(ApiError.of(e.code(), e.getMessage())))
                .onCompletion().call(connection::close);
    }

    static Map<String, String> queryParams(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue; // "a=1&&b=2", or a trailing "&"
            }
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static String message(StatusEvent event) {
        ObjectNode message = EventJson.mapper().createObjectNode();
        switch (event.kind()) {
            case HEARTBEAT -> message.put("event", "heartbeat");
            case RESYNC -> {
                message.put("event", StatusStreams.RESYNC);
                message.putObject("data").put("lastEventId", String.valueOf(event.seq()));
            }
            case TOKEN_EXPIRED -> {
                message.put("event", StatusStreams.TOKEN_EXPIRED);
                message.putObject("data").put("lastEventId", String.valueOf(event.seq()));
            }
            case DELETED -> {
                message.put("id", String.valueOf(event.seq()));
                message.put("event", StatusStreams.DELETED);
                message.putObject("data").put("privateLinkConnectionId", event.connectionId())
                        .put("clusterId", event.clusterId());
            }
            case SNAPSHOT -> {
                message.put("id", String.valueOf(event.seq()));
                message.put("event", StatusStreams.SNAPSHOT);
                try {
                    message.set("data", EventJson.mapper().readTree(event.snapshot()));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("unreadable snapshot in the change log", e);
                }
            }
        }
        return message.toString();
    }
}
