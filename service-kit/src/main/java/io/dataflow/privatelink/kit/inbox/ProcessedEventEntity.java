package io.dataflow.privatelink.kit.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** An event a consumer has processed (table {@code processed_event}); rows are written by {@link ProcessedEvents}. */
@Entity
@Table(name = "processed_event")
@IdClass(ProcessedEventEntity.Key.class)
public class ProcessedEventEntity {

    @Id
    public String consumer;

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "processed_at")
    public Instant processedAt;

    /** The primary key: one row per consumer and event. */
    public static class Key implements Serializable {
        public String consumer;
        public String eventId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(consumer, key.consumer)
                    && Objects.equals(eventId, key.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(consumer, eventId);
        }
    }
}
