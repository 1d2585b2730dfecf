package io.dataflow.privatelink.domain.projection;

import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.contract.api.StateChange;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.domain.projection.ProjectionEffects.HistoryEntry;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a reader sees at the end of a story, in a few lines a story can state as its expected outcome: each
 * connection as its last published snapshot shows it (or {@code gone}), the states of its history in order, each
 * finished connectivity test as the history shows it ({@code tested}: the state then and the message), and the
 * routes. The interleaving tests compare every run with this oracle, not only with each other.
 */
public final class ReadersView {

    private ReadersView() {
    }

    /**
     * The view as text, one line per connection, history and route, to compare runs with.
     *
     * @param snapshots the last published snapshot of each connection projected (null: no longer shown)
     * @param history   each connection's stored history entries
     * @param routes    each routing-table row as {@code name attachDomainId}
     */
    public static String of(Map<String, String> snapshots, Map<String, List<HistoryEntry>> history,
                            List<String> routes) {
        StringBuilder out = new StringBuilder();
        snapshots.forEach((id, json) -> out.append(connection(id, json)).append('\n'));
        history.forEach((id, entries) -> {
            // the states as stored, one per event (a replayed report shows twice), so a story sees every entry
            List<String> states = entries.stream().filter(e -> e.state() != null).sorted(HistoryTimeline.ORDER)
                    .map(e -> e.state().name()).toList();
            if (!states.isEmpty()) {
                out.append("history ").append(id).append(' ').append(String.join(" ", states)).append('\n');
            }
            // the tests as the API's history shows them: once per test, in the state of the connection then
            for (StateChange change : HistoryTimeline.of(entries)) {
                if (change.connectivityTestId() != null) {
                    out.append("tested ").append(id).append(' ').append(change.state()).append(" \"")
                            .append(change.message()).append("\"\n");
                }
            }
        });
        routes.stream().sorted().forEach(route -> out.append("route ").append(route).append('\n'));
        return out.toString();
    }

    private static String connection(String id, String json) {
        if (json == null) {
            return id + " gone";
        }
        PrivateLinkConnection c = EventJson.read(json, PrivateLinkConnection.class);
        StringBuilder line = new StringBuilder(id).append(' ').append(c.state());
        if (!c.displayName().startsWith(Scenario.REQUESTED_NAME)) {
            line.append(" named ").append(c.displayName()); // a story's rename (requests carry the default name)
        }
        if (c.message() != null) {
            line.append(" \"").append(c.message()).append('"');
        }
        if (c.failureReason() != null) {
            line.append(" (").append(c.failureReason()).append(')');
        }
        if (c.acceptanceDeadline() != null) {
            line.append(" until ").append(c.acceptanceDeadline());
        }
        if (c.connectivityTest() != null) {
            line.append(" test ").append(c.connectivityTest().testId()).append(' ').append(c.connectivityTest().state());
        }
        for (AttachDomain a : c.attachedDomains() == null ? List.<AttachDomain>of() : c.attachedDomains()) {
            line.append(" | ").append(a.attachDomainId()).append(' ').append(a.uniqueName()).append(' ')
                    .append(a.domains().stream().map(Domain::state).collect(Collectors.joining(",", "[", "]")));
        }
        return line.toString();
    }
}
