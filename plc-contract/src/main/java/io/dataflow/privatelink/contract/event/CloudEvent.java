package io.dataflow.privatelink.contract.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event as it travels in Kafka binary mode: the attributes become {@code ce_*}
 * headers, {@code data} (JSON) the record value, {@code subject} (the connection id) the record key.
 * {@code data} is null only for a tombstone on a compacted topic ({@link #tombstone}).
 */
public record CloudEvent(String id, String type, String source, String subject, Instant time, String data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
    }

    /** A record that deletes the subject's entry from a compacted topic: headers, no data. */
    public static CloudEvent tombstone(String type, String source, String subject, Instant time) {
        return new CloudEvent(UUID.randomUUID().toString(), type, source, subject, time, null);
    }

    /** A new event with a fresh id; {@code payload} is written as JSON. */
    public static CloudEvent of(String type, String source, String subject, Instant time, Object payload) {
        return new CloudEvent(UUID.randomUUID().toString(), type, source, subject, time, EventJson.write(payload));
    }

    public boolean isTombstone() {
        return data == null;
    }

    public <T> T dataAs(Class<T> payloadType) {
        return EventJson.read(data, payloadType);
    }
}
