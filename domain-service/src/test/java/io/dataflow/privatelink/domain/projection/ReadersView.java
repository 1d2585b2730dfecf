package io.dataflow.privatelink.domain.projection;

import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.contract.event.EventJson;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a reader sees at the end of a story, in a few lines a story can state as its expected outcome: each
 * connection as its last published snapshot shows it (or {@code gone}), the states of its history in order,
 * and the routes. The interleaving tests compare every run with this oracle, not only with each other.
 */
public final class ReadersView {

    private ReadersView() {
    }

    /**
     * The view as text, one line per connection, history and route, to compare runs with.
     *
     * @param snapshots the last published snapshot of each connection projected (null: no longer shown)
     * @param history   the states of each connection's history, ordered by time then event id
     * @param routes    each routing-table row as {@code name attachDomainId}
     */
    public static String of(Map<String, String> snapshots, Map<String, List<String>> history, List<String> routes) {
        StringBuilder out = new StringBuilder();
        snapshots.forEach((id, json) -> out.append(connection(id, json)).append('\n'));
        history.forEach((id, states) -> out.append("history ").append(id).append(' ')
                .append(String.join(" ", states)).append('\n'));
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
        for (AttachDomain a : c.attachedDomains() == null ? List.<AttachDomain>of() : c.attachedDomains()) {
            line.append(" | ").append(a.attachDomainId()).append(' ').append(a.uniqueName()).append(' ')
                    .append(a.domains().stream().map(Domain::state).collect(Collectors.joining(",", "[", "]")));
        }
        return line.toString();
    }
}
