package io.dataflow.privatelink.kit.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.dataflow.privatelink.contract.event.EventJson;

/** Contract types kept as JSON text in a column: written and read with the events' own mapper. */
public final class JsonColumn {

    private JsonColumn() {
    }

    public static String write(Object value) {
        return value == null ? null : EventJson.write(value);
    }

    public static <T> T read(String json, TypeReference<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON column: " + e.getOriginalMessage(), e);
        }
    }
}
