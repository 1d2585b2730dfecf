package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.connection.repository.AuditRecordEntity;
import io.dataflow.privatelink.connection.repository.CommandEventRepository;
import io.dataflow.privatelink.connection.security.AuditTrail;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.kit.outbox.OutboxRepository.Outgoing;
import io.dataflow.privatelink.kit.outbox.OutboxWriter;
import io.dataflow.privatelink.kit.tracing.EventTracing;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The records of an accepted command, written in its transaction: the event announcing it (outbox), the
 * cluster's latest command event (so that the next query on the cluster waits until domain-service has
 * projected it) and the command's audit record. Several commands' records are written with one
 * statement per table.
 */
@ApplicationScoped
public class CommandEvents {

    private final OutboxWriter outbox;
    private final CommandEventRepository commandEvents;
    private final ConnectionServiceConfig config;
    private final AuditTrail audit;

    CommandEvents(OutboxWriter outbox, CommandEventRepository commandEvents, ConnectionServiceConfig config,
                  AuditTrail audit) {
        this.audit = audit;
        this.outbox = outbox;
        this.commandEvents = commandEvents;
        this.config = config;
    }

    /**
     * An accepted command's event on its cluster, with its audit record (null: none to write) and the request's
     * trace context (null: none), which the event is published under.
     */
    public record AcceptedCommand(String clusterId, CloudEvent event, AuditRecordEntity audit, String traceParent) {
    }

    /**
     * The current request's command, on its context: its audit record and trace context are taken from the
     * request (commands are written in groups, on another request's context).
     */
    public AcceptedCommand accepted(String clusterId, String type, String connectionId, Instant time,
                                    Object payload) {
        return new AcceptedCommand(clusterId, CloudEvent.of(type, config.eventSource(), connectionId, time, payload),
                audit.acceptedCommandRecord(), EventTracing.currentTraceParent());
    }

    /** Inside the command's transaction, on the request's context. */
    public Uni<Void> emit(String clusterId, String type, String connectionId, Instant time, Object payload) {
        return emitAll(List.of(accepted(clusterId, type, connectionId, time, payload)));
    }

    /** Inside the commands' transaction: their events in this order, one statement per table. */
    public Uni<Void> emitAll(List<AcceptedCommand> commands) {
        List<Outgoing> events = new ArrayList<>(commands.size());
        String[] clusterIds = new String[commands.size()];
        String[] eventIds = new String[commands.size()];
        for (int i = 0; i < commands.size(); i++) {
            AcceptedCommand c = commands.get(i);
            events.add(new Outgoing(config.topics().connectionRequests(), c.event(), c.traceParent()));
            clusterIds[i] = c.clusterId();
            eventIds[i] = c.event().id();
        }
        return outbox.appendAll(events)
                .chain(() -> commandEvents.appendAll(clusterIds, eventIds))
                .chain(() -> audit.recordAccepted(commands.stream().map(AcceptedCommand::audit)
                        .filter(Objects::nonNull).toList()));
    }
}
