package io.dataflow.privatelink.domain.projection;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.FailureReason;
import io.dataflow.privatelink.domain.repository.AttachmentViewEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What projecting a batch writes besides the rows it changed in place: new rows, history, routes, changes. */
public final class ProjectionEffects {

    /**
     * One history entry: the state an event says the connection went through, or a connectivity test that finished
     * ({@code connectivityTestId} set, no state: {@link HistoryTimeline} shows the state in effect then).
     */
    public record HistoryEntry(String eventId, String connectionId, ConnectionState state, String message,
                               Instant time, FailureReason failureReason, String connectivityTestId) {

        /** A state the connection entered. */
        public HistoryEntry(String eventId, String connectionId, ConnectionState state, String message, Instant time,
                            FailureReason failureReason) {
            this(eventId, connectionId, state, message, time, failureReason, null);
        }

        /** A connectivity test that finished at {@code time}. */
        public static HistoryEntry connectivityTest(String eventId, String connectionId, String message, Instant time,
                                                    String testId) {
            return new HistoryEntry(eventId, connectionId, null, message, time, null, testId);
        }
    }

    /** One change of what readers see: the connection's new snapshot (JSON), or null once it is deleted. */
    public record SnapshotChange(String connectionId, String clusterId, String snapshot, Instant time) {
    }

    /** A routing-table row to add or remove. */
    public record Route(String name, String attachDomainId, String connectionId, String clusterId) {
    }

    final List<AttachmentViewEntity> newAttachments = new ArrayList<>();
    final List<HistoryEntry> history = new ArrayList<>();
    final List<SnapshotChange> changes = new ArrayList<>();
    final List<Route> routesAdded = new ArrayList<>();
    final List<String> routesRemovedOf = new ArrayList<>();

    public List<AttachmentViewEntity> newAttachments() {
        return newAttachments;
    }

    public List<HistoryEntry> history() {
        return history;
    }

    /** In the order they happened: one per event that changed what readers see. */
    public List<SnapshotChange> changes() {
        return changes;
    }

    public List<Route> routesAdded() {
        return routesAdded;
    }

    /** Attachments whose routes go. */
    public List<String> routesRemovedOf() {
        return routesRemovedOf;
    }
}
