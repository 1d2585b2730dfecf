package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.connection.repository.CommandEventRepository;
import io.dataflow.privatelink.connection.security.AuditTrail;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.kit.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * The records of an accepted command, written in its transaction: the event announcing it (outbox), the
 * cluster's latest command event (so that the next query on the cluster waits until domain-service has
 * projected it) and the command's audit record.
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

    /** Inside the command's transaction. */
    public Uni<Void> emit(String clusterId, String type, String connectionId, Instant time, Object payload) {
        CloudEvent event = CloudEvent.of(type, config.eventSource(), connectionId, time, payload);
        return outbox.append(config.topics().connectionRequests(), event)
                .chain(() -> commandEvents.append(clusterId, event.id()))
                .chain(audit::recordAcceptedCommand);
    }
}
