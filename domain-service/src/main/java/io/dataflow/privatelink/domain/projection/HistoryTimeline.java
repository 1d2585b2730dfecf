package io.dataflow.privatelink.domain.projection;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.api.StateChange;
import io.dataflow.privatelink.domain.projection.ProjectionEffects.HistoryEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A connection's history as the API shows it, from its stored entries (one per event). Made when read, so that what
 * is stored is the same whatever order the events arrived in: entries go by when they happened (the event id breaks a
 * tie); a state entry repeating the last state shown is left out; a finished connectivity test is shown once per test
 * id (a completion published twice is two entries) in the state the connection was in then.
 */
public final class HistoryTimeline {

    /** Entries in the order they happened. */
    static final Comparator<HistoryEntry> ORDER = Comparator.comparing(HistoryEntry::time)
            .thenComparing(HistoryEntry::eventId);

    /**
     * Of two entries of one test (its completion published twice), the one shown: the later completion, then the
     * greater message (the tie-break {@link LastConnectivityTest} uses for the test a connection shows), then the
     * greater event id.
     */
    private static final Comparator<HistoryEntry> SHOWN_OF_ONE_TEST = Comparator.comparing(HistoryEntry::time)
            .thenComparing(HistoryEntry::message, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(HistoryEntry::eventId);

    private HistoryTimeline() {
    }

    public static List<StateChange> of(List<HistoryEntry> entries) {
        List<HistoryEntry> ordered = entries.stream().sorted(ORDER).toList();
        Map<String, HistoryEntry> shownOfTest = new HashMap<>();
        for (HistoryEntry entry : ordered) {
            if (entry.connectivityTestId() != null) {
                shownOfTest.merge(entry.connectivityTestId(), entry,
                        (a, b) -> SHOWN_OF_ONE_TEST.compare(a, b) >= 0 ? a : b);
            }
        }
        List<StateChange> changes = new ArrayList<>();
        StateChange lastState = null;
        for (HistoryEntry entry : ordered) {
            if (entry.connectivityTestId() != null) {
                if (entry.equals(shownOfTest.get(entry.connectivityTestId()))) {
                    // a test ran in the state shown last; none yet (clocks apart): a connection starts CREATING
                    changes.add(new StateChange(lastState == null ? ConnectionState.CREATING : lastState.state(),
                            entry.message(), entry.time(), null, entry.connectivityTestId()));
                }
            } else if (lastState == null || lastState.state() != entry.state()
                    || !Objects.equals(lastState.message(), entry.message())) {
                lastState = new StateChange(entry.state(), entry.message(), entry.time(), entry.failureReason());
                changes.add(lastState);
            }
        }
        return changes;
    }
}
