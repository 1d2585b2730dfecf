package io.dataflow.privatelink.kit.outbox;

import io.dataflow.privatelink.contract.event.CloudEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An event waiting in the outbox (table {@code outbox_event}) to be published, or parked there because
 * Kafka refused it for good ({@link #parkedAt}, {@link #parkReason}).
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    /** Assigned by the database at insert ({@code BIGSERIAL}): the relay publishes in this order. */
    @Id
    public Long seq;

    public String topic;

    @Column(name = "message_key")
    public String messageKey;

    @Column(name = "event_id")
    public String eventId;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "event_source")
    public String eventSource;

    @Column(name = "event_subject")
    public String eventSubject;

    @Column(name = "event_time")
    public Instant eventTime;

    /** JSON data; null for a tombstone. */
    public String payload;

    /** The trace context of the change that appended it (W3C traceparent); null: none. */
    @Column(name = "trace_parent")
    public String traceParent;

    @Column(name = "parked_at")
    public Instant parkedAt;

    @Column(name = "park_reason")
    public String parkReason;

    public CloudEvent event() {
        return new CloudEvent(eventId, eventType, eventSource, eventSubject, eventTime, payload);
    }
}
