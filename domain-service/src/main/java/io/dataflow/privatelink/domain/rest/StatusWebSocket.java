package io.dataflow.privatelink.domain.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.domain.repository.ChangeLogRepository.Change;
import io.dataflow.privatelink.domain.service.StatusSubscriptions;
import io.dataflow.privatelink.kit.api.ApiError;
import io.dataflow.privatelink.kit.api.ApiException;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Multi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The status stream for browsers, over WebSocket (additive): the same events as the SSE streams, one
 * JSON text message each: {@code {"id", "event": "snapshot"|"deleted", "data"}}. Browsers cannot set
 * headers on a WebSocket, so the resume point is the {@code lastEventId} query parameter; the
 * connection id, when given, is the {@code privateLinkConnectionId} query parameter. A refused request
 * gets one message with the API's error body, then the socket closes.
 */
@WebSocket(path = "/v1beta1/ws/clusters/{clusterId}/privateLinkConnections")
public class StatusWebSocket {

    private final StatusSubscriptions subscriptions;

    StatusWebSocket(StatusSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @OnOpen
    public Multi<String> open(@PathParam String clusterId, WebSocketConnection connection) {
        Map<String, String> query = queryParams(connection.handshakeRequest().query());
        String connectionId = query.get("privateLinkConnectionId");
        String lastEventId = query.get("lastEventId");
        // The checks read the database: off the event loop.
        return Multi.createFrom().<String>deferred(() -> {
            Long resumeAfter;
            try {
                resumeAfter = subscriptions.resumePoint(clusterId, connectionId, lastEventId);
            } catch (ApiException e) {
                return Multi.createFrom().item(EventJson.write(ApiError.of(e.code(), e.getMessage())))
                        .onCompletion().call(connection::close);
            }
            return subscriptions.subscribe(clusterId, connectionId, resumeAfter).map(StatusWebSocket::message);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    static Map<String, String> queryParams(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static String message(Change change) {
        ObjectNode message = EventJson.mapper().createObjectNode();
        message.put("id", String.valueOf(change.seq()));
        message.put("event", change.snapshot() == null ? StatusStreams.DELETED : StatusStreams.SNAPSHOT);
        if (change.snapshot() == null) {
            message.putObject("data").put("privateLinkConnectionId", change.connectionId())
                    .put("clusterId", change.clusterId());
        } else {
            try {
                message.set("data", EventJson.mapper().readTree(change.snapshot()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("unreadable snapshot in the change log", e);
            }
        }
        return message.toString();
    }
}
