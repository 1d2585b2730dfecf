package io.dataflow.privatelink.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;

import java.io.UncheckedIOException;

/** Frames of a status stream as domain-service's {@code StatusStreams} writes them. */
final class Sse {

    private Sse() {
    }

    /** The connection as the get operation shows it, at change {@code id}. */
    static String snapshot(long id, PrivateLinkConnection connection) {
        return "id: " + id + "\nevent: snapshot\ndata: " + json(connection) + "\n\n";
    }

    static String deleted(long id, String connectionId) {
        return "id: " + id + "\nevent: deleted\ndata: {\"privateLinkConnectionId\":\"" + connectionId
                + "\",\"clusterId\":\"" + Connections.CLUSTER + "\"}\n\n";
    }

    /** The stream ends because the client fell behind; it should resume after {@code lastEventId}. */
    static String resync(long lastEventId) {
        return "event: resync\ndata: {\"lastEventId\":\"" + lastEventId + "\"}\n\n";
    }

    static String heartbeat() {
        return ": heartbeat\n\n";
    }

    private static String json(Object value) {
        try {
            return PlcApi.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
