package io.dataflow.privatelink.domain.projection;

import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.domain.projection.ProjectionEffects.HistoryEntry;
import io.dataflow.privatelink.domain.projection.ProjectionEffects.Route;
import io.dataflow.privatelink.domain.repository.AttachmentViewEntity;
import io.dataflow.privatelink.domain.repository.ConnectionViewEntity;
import io.dataflow.privatelink.kit.messaging.InboundEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The read model's tables as plain maps, projected batch by batch with {@link ReadModelRules} the way
 * {@code ConnectionProjection} does it against PostgreSQL: load the batch's rows, apply, settle the
 * routes, write back. Rows are copied in and out, as a database would, so no batch sees another's objects.
 */
final class InMemoryReadModel {

    private final Map<String, String> views = new TreeMap<>();
    private final Map<String, String> attachments = new TreeMap<>();
    private final Map<String, HistoryEntry> history = new TreeMap<>();
    private final TreeSet<String> routes = new TreeSet<>();
    private final List<String> changes = new ArrayList<>();

    void project(List<InboundEvent> batch) {
        Map<String, ProjectedConnection> loaded = new LinkedHashMap<>();
        for (InboundEvent event : batch) {
            String id = event.payload().connectionId();
            loaded.computeIfAbsent(id, key -> new ProjectedConnection(
                    views.containsKey(key) ? read(views.get(key), ConnectionViewEntity.class)
                            : ReadModelRules.newView(key, event.payload().clusterId()),
                    attachments.values().stream().map(json -> read(json, AttachmentViewEntity.class))
                            .filter(a -> a.connectionId.equals(key)).toList()));
        }
        ProjectionEffects effects = new ProjectionEffects();
        for (InboundEvent event : batch) {
            ReadModelRules.apply(loaded.get(event.payload().connectionId()), event.event(), event.payload(), effects);
        }
        loaded.values().forEach(c -> ReadModelRules.settleRoutes(c, effects));
        loaded.values().forEach(c -> {
            views.put(c.view().connectionId, EventJson.write(c.view()));
            c.attachments().forEach(a -> attachments.put(a.attachDomainId, EventJson.write(a)));
        });
        effects.history().forEach(h -> history.putIfAbsent(h.eventId(), h));
        effects.routesRemovedOf().forEach(id -> routes.removeIf(r -> r.endsWith(" " + id)));
        for (Route route : effects.routesAdded()) {
            routes.add(route.name() + " " + route.attachDomainId());
        }
        effects.changes().forEach(c -> changes.add(c.connectionId() + " " + c.snapshot()));
    }

    /** Everything readers can see, as text; the change log's own numbering aside. */
    String contents() {
        StringBuilder out = new StringBuilder();
        views.values().forEach(json -> {
            ConnectionViewEntity v = read(json, ConnectionViewEntity.class);
            v.lastChangeSeq = 0;
            out.append("view ").append(EventJson.write(v)).append('\n');
        });
        attachments.values().forEach(json -> out.append("attachment ").append(json).append('\n'));
        history.values().stream()
                .sorted(Comparator.comparing(HistoryEntry::time).thenComparing(HistoryEntry::eventId))
                .forEach(h -> out.append("history ").append(h).append('\n'));
        routes.forEach(r -> out.append("route ").append(r).append('\n'));
        return out.toString();
    }

    /** The last change published per connection: what the compacted integration topic ends up holding. */
    Map<String, String> integrationSnapshots() {
        Map<String, String> last = new TreeMap<>();
        for (String change : changes) {
            int space = change.indexOf(' ');
            last.put(change.substring(0, space), change.substring(space + 1));
        }
        last.values().removeIf("null"::equals);
        return last;
    }

    /** What readers see ({@link ReadersView}): the oracle the stories state. */
    String readersView() {
        Map<String, String> snapshots = new TreeMap<>();
        views.values().forEach(json -> snapshots.put(read(json, ConnectionViewEntity.class).connectionId,
                read(json, ConnectionViewEntity.class).lastSnapshot));
        Map<String, List<HistoryEntry>> entries = new TreeMap<>();
        history.values().forEach(h -> entries.computeIfAbsent(h.connectionId(), id -> new ArrayList<>()).add(h));
        return ReadersView.of(snapshots, entries, List.copyOf(routes));
    }

    private static <T> T read(String json, Class<T> type) {
        return EventJson.read(json, type);
    }
}
