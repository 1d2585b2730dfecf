package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.config.ConnectionServiceConfig;
import io.dataflow.privatelink.connection.repository.CommandEventRepository;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.kit.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Emits the event of an accepted command (outbox, same transaction) and remembers it as the cluster's
 * latest, so that the next query on the cluster waits until domain-service has projected it.
 */
@ApplicationScoped
public class CommandEvents {

    private final OutboxWriter outbox;
    private final CommandEventRepository commandEvents;
    private final ConnectionServiceConfig config;

    CommandEvents(OutboxWriter outbox, CommandEventRepository commandEvents, ConnectionServiceConfig config) {
        this.outbox = outbox;
        this.commandEvents = commandEvents;
        this.config = config;
    }

    /** Inside the command's transaction. */
    public Uni<Void> emit(String clusterId, String type, String connectionId, Instant time, Object payload) {
        CloudEvent event = CloudEvent.of(type, config.eventSource(), connectionId, time, payload);
        return outbox.append(config.topics().connectionRequests(), event)
                .chain(() -> commandEvents.append(clusterId, event.id()));
    }
}
