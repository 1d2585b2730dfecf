package io.dataflow.privatelink.domain.repository;

import io.dataflow.privatelink.contract.api.StateChange;
import io.dataflow.privatelink.domain.projection.HistoryTimeline;
import io.dataflow.privatelink.domain.projection.ProjectionEffects.HistoryEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Each connection's history (table {@code connection_history}): one entry per event that names a state or finishes a
 * connectivity test.
 */
@ApplicationScoped
public class HistoryRepository {

    /** Inserts the entries in one statement; an entry already there (the same event) is kept. */
    public Uni<Void> insertAll(List<HistoryEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = entries.size();
        String[] ids = new String[n];
        String[] connections = new String[n];
        String[] states = new String[n];
        String[] messages = new String[n];
        String[] times = new String[n];
        String[] reasons = new String[n];
        String[] tests = new String[n];
        for (int i = 0; i < n; i++) {
            HistoryEntry e = entries.get(i);
            ids[i] = e.eventId();
            connections[i] = e.connectionId();
            states[i] = e.state() == null ? null : e.state().name();
            messages[i] = e.message();
            times[i] = e.time().toString();
            reasons[i] = e.failureReason() == null ? null : e.failureReason().name();
            tests[i] = e.connectivityTestId();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        INSERT INTO connection_history (event_id, connection_id, state, message, change_time,
                          failure_reason, connectivity_test_id)
                        SELECT id, connection, state, message, CAST(time AS timestamptz), reason, test
                        FROM unnest(CAST(?1 AS text[]), CAST(?2 AS text[]), CAST(?3 AS text[]), CAST(?4 AS text[]),
                                    CAST(?5 AS text[]), CAST(?6 AS text[]), CAST(?7 AS text[]))
                             AS h(id, connection, state, message, time, reason, test)
                        ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, ids).setParameter(2, connections).setParameter(3, states)
                .setParameter(4, messages).setParameter(5, times).setParameter(6, reasons).setParameter(7, tests)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** The connection's history as the API shows it ({@link HistoryTimeline}: order, repeats, connectivity tests). */
    public Uni<List<StateChange>> timeline(String connectionId) {
        return Panache.getSession().chain(session -> session.createSelectionQuery("""
                        select h.eventId, h.connectionId, h.state, h.message, h.changeTime, h.failureReason,
                          h.connectivityTestId
                        from ConnectionHistoryEntity h
                        where h.connectionId = :connection order by h.changeTime, h.eventId""", HistoryEntry.class)
                .setParameter("connection", connectionId).getResultList()).map(HistoryTimeline::of);
    }

    public Uni<Integer> deleteOfConnections(List<String> connectionIds) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "DELETE FROM connection_history WHERE connection_id = ANY (CAST(?1 AS text[]))")
                .setParameter(1, connectionIds.toArray(String[]::new)).executeUpdate());
    }
}
