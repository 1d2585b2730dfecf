package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.domain.config.DomainServiceConfig;
import io.dataflow.privatelink.domain.projection.ProjectedConnection;
import io.dataflow.privatelink.domain.projection.ProjectionEffects;
import io.dataflow.privatelink.domain.projection.ProjectionEffects.SnapshotChange;
import io.dataflow.privatelink.domain.projection.ReadModelRules;
import io.dataflow.privatelink.domain.repository.AttachmentViewEntity;
import io.dataflow.privatelink.domain.repository.AttachmentViewRepository;
import io.dataflow.privatelink.domain.repository.ChangeLogRepository;
import io.dataflow.privatelink.domain.repository.ClusterTenancyRepository;
import io.dataflow.privatelink.domain.repository.ConnectionViewEntity;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository;
import io.dataflow.privatelink.domain.repository.DomainRouteRepository;
import io.dataflow.privatelink.domain.repository.HistoryRepository;
import io.dataflow.privatelink.kit.db.AfterCommit;
import io.dataflow.privatelink.kit.db.CommitNotifications;
import io.dataflow.privatelink.kit.messaging.InboundEvent;
import io.dataflow.privatelink.kit.outbox.OutboxRepository.Outgoing;
import io.dataflow.privatelink.kit.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.FlushMode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Projects a batch of connection and domain events into the read models, in the batch's transaction
 * and in a handful of statements whatever the batch's size: the batch's connections are locked (so a
 * snapshot is always computed from the latest committed rows), the events applied in memory by
 * {@link ReadModelRules}, and what changed written back together: rows, history, routes, the change
 * log (status subscriptions) and the snapshots of the integration stream (outbox). A notification at
 * commit wakes read-your-writes waits and status streams in every instance.
 */
@ApplicationScoped
public class ConnectionProjection {

    /** Notified when a batch commits: something was projected. */
    public static final String PROJECTED_CHANNEL = "plc_projected";

    private final ConnectionViewRepository views;
    private final AttachmentViewRepository attachments;
    private final HistoryRepository history;
    private final DomainRouteRepository routes;
    private final ChangeLogRepository changeLog;
    private final OutboxWriter outbox;
    private final DomainServiceConfig config;
    private final ClusterTenancyRepository tenancy;
    /** From an event's time to its batch being written to the read model (commit follows at once). */
    private final io.micrometer.core.instrument.Timer latency;
    private final CommitNotifications commitNotifications;

    ConnectionProjection(ConnectionViewRepository views, AttachmentViewRepository attachments,
                         HistoryRepository history, DomainRouteRepository routes, ChangeLogRepository changeLog,
                         OutboxWriter outbox, DomainServiceConfig config, ClusterTenancyRepository tenancy,
                         io.micrometer.core.instrument.MeterRegistry registry, CommitNotifications commitNotifications) {
        this.commitNotifications = commitNotifications;
        this.tenancy = tenancy;
        this.latency = io.micrometer.core.instrument.Timer.builder("plc.projection.latency")
                .description("From an event's time to the read model").publishPercentileHistogram()
                .register(registry);
        this.views = views;
        this.attachments = attachments;
        this.history = history;
        this.routes = routes;
        this.changeLog = changeLog;
        this.outbox = outbox;
        this.config = config;
    }

    /** Inside the batch's transaction; the events are first deliveries, in record order. */
    public Uni<Void> apply(List<InboundEvent> events) {
        Map<String, String> clusterByConnection = new LinkedHashMap<>();
        Map<String, String> projectByCluster = new LinkedHashMap<>();
        // A connection's snapshot is announced under the trace of its last event in the batch.
        Map<String, String> traceByConnection = new HashMap<>();
        for (InboundEvent event : events) {
            clusterByConnection.putIfAbsent(event.payload().connectionId(), event.payload().clusterId());
            if (event.traceParent() != null) {
                traceByConnection.put(event.payload().connectionId(), event.traceParent());
            }
            if (event.payload() instanceof ConnectionRequested requested && requested.placement() != null) {
                projectByCluster.putIfAbsent(requested.clusterId(), requested.placement().projectId());
            }
        }
        List<String> ids = clusterByConnection.keySet().stream().sorted().toList();
        // Rows are written once: the existing connection rows by views.writeAll and the batch's new ones by
        // views.insertAll (one statement each for the batch), the attachments by the flush at commit;
        // nothing below reads them back through SQL. A lock another batch holds too long (its instance
        // hung) fails this one as a transient error, retried, instead of waiting forever.
        return Panache.getSession().invoke(session -> session.setFlushMode(FlushMode.COMMIT))
                .chain(session -> session.createNativeQuery("SET LOCAL lock_timeout = '10s'").executeUpdate())
                .chain(() -> views.lockAll(ids))
                .chain(rows -> attachments.ofConnections(ids).map(existing -> load(clusterByConnection, rows, existing)))
                .chain(batch -> {
                    ProjectionEffects effects = new ProjectionEffects();
                    for (InboundEvent event : events) {
                        ReadModelRules.apply(batch.loaded().get(event.payload().connectionId()), event.event(),
                                event.payload(), effects);
                    }
                    batch.loaded().values().forEach(connection -> ReadModelRules.settleRoutes(connection, effects));
                    return write(effects, batch, traceByConnection);
                })
                .chain(() -> tenancy.recordAll(projectByCluster))
                .invoke(() -> {
                    java.time.Instant now = java.time.Instant.now();
                    for (InboundEvent event : events) {
                        latency.record(java.time.Duration.between(event.event().time(), now));
                    }
                });
    }

    /** A batch's connections: all of them by id, and those whose row this batch creates. */
    private record LoadedBatch(Map<String, ProjectedConnection> loaded, List<ConnectionViewEntity> existing,
                               List<ConnectionViewEntity> created) {
    }

    private static LoadedBatch load(Map<String, String> clusterByConnection, List<ConnectionViewEntity> rows,
                                    List<AttachmentViewEntity> existing) {
        Map<String, List<AttachmentViewEntity>> byConnection = new HashMap<>();
        existing.forEach(a -> byConnection.computeIfAbsent(a.connectionId, id -> new ArrayList<>()).add(a));
        Map<String, ProjectedConnection> loaded = new HashMap<>();
        for (ConnectionViewEntity row : rows) {
            loaded.put(row.connectionId, new ProjectedConnection(row,
                    byConnection.getOrDefault(row.connectionId, List.of())));
        }
        List<ConnectionViewEntity> created = new ArrayList<>();
        clusterByConnection.forEach((connectionId, clusterId) -> {
            if (!loaded.containsKey(connectionId)) {
                ConnectionViewEntity row = ReadModelRules.newView(connectionId, clusterId);
                created.add(row);
                loaded.put(connectionId, new ProjectedConnection(row, List.of()));
            }
        });
        return new LoadedBatch(loaded, rows, created);
    }

    private Uni<Void> write(ProjectionEffects effects, LoadedBatch batch, Map<String, String> traceByConnection) {
        return Panache.getSession()
                .chain(session -> effects.newAttachments().isEmpty() ? Uni.createFrom().voidItem()
                        : session.persistAll(effects.newAttachments().toArray()))
                .chain(() -> history.insertAll(effects.history()))
                .chain(() -> routes.removeOf(effects.routesRemovedOf()))
                .chain(() -> routes.addAll(effects.routesAdded()))
                .chain(() -> changeLog.appendAll(effects.changes(), traceByConnection))
                .invoke(seqs -> {
                    for (int i = 0; i < seqs.size(); i++) {
                        batch.loaded().get(effects.changes().get(i).connectionId()).view().lastChangeSeq = seqs.get(i);
                    }
                })
                .chain(() -> views.writeAll(batch.existing()))
                .chain(() -> views.insertAll(batch.created()))
                .chain(() -> publish(effects.changes(), traceByConnection))
                // listeners (status streams, read-your-writes waits) hear of it once it is committed
                .chain(() -> AfterCommit.run(() -> commitNotifications.committed(PROJECTED_CHANNEL)))
                .replaceWithVoid();
    }

    /** On the integration topic: each new snapshot, or a tombstone once the connection is deleted. */
    private Uni<Void> publish(List<SnapshotChange> changes, Map<String, String> traceByConnection) {
        if (!config.integration().enabled() || changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String source = config.integration().eventSource();
        List<Outgoing> events = new ArrayList<>(changes.size());
        for (SnapshotChange change : changes) {
            events.add(new Outgoing(config.integration().topic(), change.snapshot() == null
                    ? CloudEvent.tombstone(EventTypes.CONNECTION_DELETED, source, change.connectionId(), change.time())
                    : new CloudEvent(java.util.UUID.randomUUID().toString(), EventTypes.CONNECTION_SNAPSHOT, source,
                    change.connectionId(), change.time(), change.snapshot()),
                    traceByConnection.get(change.connectionId())));
        }
        return outbox.appendAll(events);
    }
}
