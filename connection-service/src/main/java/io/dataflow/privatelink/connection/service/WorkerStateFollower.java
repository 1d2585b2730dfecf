package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.repository.ConnectionRepository;
import io.dataflow.privatelink.connection.repository.DomainAttachmentRepository;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.DomainDetached;
import io.dataflow.privatelink.contract.event.DomainStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.kit.messaging.InboundEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Keeps the aggregate's state in step with what the workers report, so that commands are checked
 * against the connection's real state. A deletion or detach the user asked for is not undone by a
 * report that was on its way, and a report older than one already followed (by the worker's version)
 * changes nothing.
 */
@ApplicationScoped
public class WorkerStateFollower {

    private final ConnectionRepository connections;
    private final DomainAttachmentRepository attachments;

    WorkerStateFollower(ConnectionRepository connections, DomainAttachmentRepository attachments) {
        this.connections = connections;
        this.attachments = attachments;
    }

    /** Applies a batch of the workers' events in order, inside the batch's transaction. */
    public Uni<Void> follow(List<InboundEvent> events) {
        return Multi.createFrom().iterable(events).onItem().transformToUniAndConcatenate(this::follow)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> follow(InboundEvent event) {
        return switch (event.type()) {
            case EventTypes.CONNECTION_STATE_CHANGED -> onStateChanged(event.payloadAs(ConnectionStateChanged.class));
            case EventTypes.CONNECTION_DELETED -> connections.deleteById(event.payloadAs(ConnectionDeleted.class)
                    .connectionId()).replaceWithVoid();
            case EventTypes.DOMAIN_STATE_CHANGED -> onDomainStateChanged(event.payloadAs(DomainStateChanged.class));
            case EventTypes.DOMAIN_DETACHED -> onDomainDetached(event.payloadAs(DomainDetached.class));
            // Other types on this topic are not for this service.
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> onStateChanged(ConnectionStateChanged changed) {
        return connections.findByIdForUpdate(changed.connectionId()).invoke(row -> {
            if (row == null || !newer(changed.version(), row.workerVersion)) {
                return;
            }
            row.workerVersion = changed.version();
            if (row.state != ConnectionState.DELETING) {
                row.state = changed.state();
                row.message = changed.message();
            }
            row.endpointId = changed.endpointId();
            row.azIds = changed.availabilityZoneIds();
            row.updateTime = changed.changeTime();
        }).replaceWithVoid();
    }

    /*
     * An attachment changes under its connection's row lock, as in the commands (delete, detach), which
     * lock the connection and then update its attachments: without it, a report deleting an attachment
     * between a command's read and its write failed the command (a 500, found by the chaos harness).
     */
    private Uni<Void> onDomainDetached(DomainDetached detached) {
        return connections.findByIdForUpdate(detached.connectionId())
                .chain(() -> attachments.deleteById(detached.attachDomainId())).replaceWithVoid();
    }

    private Uni<Void> onDomainStateChanged(DomainStateChanged changed) {
        return connections.findByIdForUpdate(changed.connectionId())
                .chain(() -> attachments.findById(changed.attachDomainId())).invoke(row -> {
            if (row == null || row.state == DomainState.DELETING || !newer(changed.version(), row.workerVersion)) {
                return;
            }
            row.workerVersion = changed.version();
            row.state = changed.state();
            row.domains = changed.domains();
            row.updateTime = changed.changeTime();
        }).replaceWithVoid();
    }

    /** A report without a version (from an older worker) counts as the newest, as reports did before versions. */
    static boolean newer(long reported, long followed) {
        return reported == 0 || reported > followed;
    }
}
