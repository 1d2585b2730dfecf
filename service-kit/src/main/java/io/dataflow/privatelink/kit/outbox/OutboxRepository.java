package io.dataflow.privatelink.kit.outbox;

import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.kit.db.ColumnArrays;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The outbox table: appended to by every writing transaction, drained by the relay. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /** Channel of the notification sent after an append commits ({@link OutboxWakeUps}): wakes the relays. */
    public static final String APPENDED_CHANNEL = "plc_outbox";

    /** Advisory-lock key shared by all relays of one database. */
    static final long RELAY_LOCK = 0x6f7574626f78L;

    /**
     * One event for one topic, with the trace context of what caused it ({@code traceParent}, as the W3C trace
     * context header carries it; null: none), under which the relay publishes it.
     */
    public record Outgoing(String topic, CloudEvent event, String traceParent) {
    }

    /**
     * Inserts the events in the given order, in one statement. The sequence numbers follow that order: the
     * database assigns them row by row, in the order of the ordinality.
     */
    public Uni<Void> insertAll(List<Outgoing> events) {
        int n = events.size();
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] sources = new String[n];
        String[] times = new String[n];
        String[] payloads = new String[n];
        String[] traceParents = new String[n];
        for (int i = 0; i < n; i++) {
            CloudEvent event = events.get(i).event();
            topics[i] = events.get(i).topic();
            keys[i] = event.subject();
            ids[i] = event.id();
            types[i] = event.type();
            sources[i] = event.source();
            times[i] = event.time().toString();
            payloads[i] = event.data();
            traceParents[i] = events.get(i).traceParent();
        }
        return ColumnArrays.executeUpdate("""
                        INSERT INTO outbox_event
                          (topic, message_key, event_id, event_type, event_source, event_subject, event_time, payload,
                           trace_parent)
                        SELECT topic, message_key, event_id, event_type, event_source, message_key,
                               CAST(event_time AS timestamptz), payload, trace_parent
                        FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[]), CAST(?4 AS text[]),
                                    CAST(?5 AS text[]), CAST(?6 AS text[]), CAST(?7 AS text[]), CAST(?8 AS text[]))
                             WITH ORDINALITY AS e(topic, message_key, event_id, event_type, event_source, event_time,
                                                  payload, trace_parent, ordinality)
                        ORDER BY ordinality""", topics, keys, ids, types, sources, times, payloads, traceParents).replaceWithVoid();
    }

    /** Takes the relay lock for the current transaction; false when another relay holds it. */
    Uni<Boolean> tryRelayLock() {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select function('pg_try_advisory_xact_lock', :key)", Boolean.class)
                .setParameter("key", RELAY_LOCK).getSingleResult());
    }

    /** The oldest events not parked, in publishing order. */
    Uni<List<OutboxEvent>> nextBatch(int limit) {
        return find("parkedAt is null order by seq").page(0, limit).list();
    }

    Uni<Long> deletePublished(List<Long> sequences) {
        return delete("seq in ?1", sequences);
    }

    /** Sets the event aside with the reason Kafka gave, so that later events are published. */
    Uni<Integer> park(long seq, String reason, Instant now) {
        return update("parkedAt = ?1, parkReason = ?2 where seq = ?3", now, reason, seq);
    }

    /** Rows waiting to be relayed, the oldest waiting row's event time (null: none) and parked rows, in one read. */
    public record Backlog(long waiting, Instant oldestWaiting, long parked) {
    }

    Uni<Backlog> backlog() {
        return Panache.getSession().chain(session -> session.createSelectionQuery("""
                        select count(e) filter (where e.parkedAt is null), min(e.eventTime) filter (where e.parkedAt is null),
                               count(e) filter (where e.parkedAt is not null)
                        from OutboxEvent e""", Object[].class).getSingleResult())
                .map(row -> new Backlog(((Number) row[0]).longValue(), (Instant) row[1], ((Number) row[2]).longValue()));
    }

    public Uni<Long> countParked() {
        return count("parkedAt is not null");
    }

    public Uni<Long> countPending() {
        return count("parkedAt is null");
    }

    /** Puts parked events back in the queue (after the cause was fixed); returns how many. */
    public Uni<Integer> unparkAll() {
        return update("parkedAt = null, parkReason = null where parkedAt is not null");
    }
}
