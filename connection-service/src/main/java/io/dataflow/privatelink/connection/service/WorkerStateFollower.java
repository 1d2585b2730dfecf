package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.repository.ConnectionRepository;
import io.dataflow.privatelink.connection.repository.DomainAttachmentRepository;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.ConnectivityTestCompleted;
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
 * against the connection's real state; how a report changes a row is {@link WorkerReportRules}.
 */
@ApplicationScoped
public class WorkerStateFollower {

    private final ConnectionRepository connections;
    private final DomainAttachmentRepository attachments;
    private final ConnectivityTests tests;

    WorkerStateFollower(ConnectionRepository connections, DomainAttachmentRepository attachments,
                        ConnectivityTests tests) {
        this.connections = connections;
        this.attachments = attachments;
        this.tests = tests;
    }

    /** Applies a batch of the workers' events in order, inside the batch's transaction. */
    public Uni<Void> follow(List<InboundEvent> events) {
        return Multi.createFrom().iterable(events).onItem().transformToUniAndConcatenate(this::follow)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> follow(InboundEvent event) {
        return switch (event.type()) {
            case EventTypes.CONNECTION_STATE_CHANGED -> onStateChanged(event);
            case EventTypes.CONNECTION_DELETED -> connections.deleteById(event.payloadAs(ConnectionDeleted.class)
                    .connectionId()).replaceWithVoid();
            case EventTypes.DOMAIN_STATE_CHANGED -> onDomainStateChanged(event);
            case EventTypes.DOMAIN_DETACHED -> onDomainDetached(event.payloadAs(DomainDetached.class));
            case EventTypes.CONNECTIVITY_TEST_COMPLETED -> tests.completed(
                    event.payloadAs(ConnectivityTestCompleted.class));
            // Other types on this topic are not for this service.
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> onStateChanged(InboundEvent event) {
        ConnectionStateChanged changed = event.payloadAs(ConnectionStateChanged.class);
        return connections.findByIdForUpdate(changed.connectionId()).invoke(row -> {
            if (row != null) {
                WorkerReportRules.take(row, changed, event.event().id());
            }
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

    private Uni<Void> onDomainStateChanged(InboundEvent event) {
        DomainStateChanged changed = event.payloadAs(DomainStateChanged.class);
        return connections.findByIdForUpdate(changed.connectionId())
                .chain(() -> attachments.findById(changed.attachDomainId())).invoke(row -> {
            if (row != null) {
                WorkerReportRules.take(row, changed, event.event().id());
            }
        }).replaceWithVoid();
    }
}
