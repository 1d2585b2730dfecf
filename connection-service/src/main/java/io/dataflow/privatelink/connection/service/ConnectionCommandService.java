package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.domain.Cluster;
import io.dataflow.privatelink.contract.ConnectionSnapshot;
import io.dataflow.privatelink.connection.repository.ConnectionRepository;
import io.dataflow.privatelink.connection.repository.DomainAttachmentRepository;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionStateMachine;
import io.dataflow.privatelink.contract.event.ConnectionDeletionRequested;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.api.CreatePrivateLinkConnectionBody;
import io.dataflow.privatelink.kit.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Accepts commands: each stores its change to the aggregate and the event announcing it in one
 * transaction (outbox), so an accepted command is never lost and never announced twice.
 */
@ApplicationScoped
public class ConnectionCommandService {

    private final ClusterRegistry clusters;
    private final CreateConnectionValidator validator;
    private final ConnectionRepository connections;
    private final CommandEvents events;
    private final DomainAttachmentRepository attachments;

    ConnectionCommandService(ClusterRegistry clusters, CreateConnectionValidator validator,
                             ConnectionRepository connections, DomainAttachmentRepository attachments,
                             CommandEvents events) {
        this.attachments = attachments;
        this.clusters = clusters;
        this.validator = validator;
        this.connections = connections;
        this.events = events;
    }

    @Transactional
    public ConnectionSnapshot create(String clusterId, CreatePrivateLinkConnectionBody body, String caller) {
        Cluster cluster = clusters.require(clusterId);
        CreateConnectionValidator.ValidCreate valid = validator.validate(cluster, body);
        Instant now = now();
        ConnectionSnapshot connection = new ConnectionSnapshot(ConnectionIds.newId(), clusterId, valid.displayName(), valid.type(),
                valid.serviceName(), valid.serviceRegion(), ConnectionState.CREATING, null, null, null, caller, now,
                now);
        connections.insert(connection);
        ConnectionRequested requested = new ConnectionRequested(connection.connectionId(), clusterId,
                connection.displayName(), connection.type(), connection.serviceName(), connection.serviceRegion(),
                caller, now, cluster.placement());
        events.emit(clusterId, EventTypes.CONNECTION_REQUESTED, connection.connectionId(), now, requested);
        return connection;
    }

    @Transactional
    public ConnectionSnapshot delete(String clusterId, String connectionId, String caller) {
        clusters.require(clusterId);
        ConnectionSnapshot current = connections.findForUpdate(clusterId, connectionId)
                .orElseThrow(() -> notFound(clusterId, connectionId));
        if (!ConnectionStateMachine.canDelete(current.state())) {
            // Deleting is already under way: answering with the connection keeps DELETE idempotent.
            return current;
        }
        Instant now = now();
        ConnectionSnapshot deleting = current.withState(ConnectionState.DELETING, null, current.endpointId(),
                current.azIds(), now);
        connections.updateState(deleting);
        // Domains go first: the worker removes their records and zones before the endpoint.
        for (DomainAttachment attachment : attachments.findByConnection(connectionId)) {
            attachments.updateState(attachment.allIn(DomainState.DELETING, now));
        }
        events.emit(clusterId, EventTypes.CONNECTION_DELETION_REQUESTED, connectionId, now,
                new ConnectionDeletionRequested(connectionId, clusterId, current.type(), caller, now));
        return deleting;
    }

    static ApiException notFound(String clusterId, String connectionId) {
        return ApiException.notFound("Private link connection " + connectionId + " was not found in cluster "
                + clusterId + ".");
    }

    private static Instant now() {
        return CommandClock.now();
    }
}
