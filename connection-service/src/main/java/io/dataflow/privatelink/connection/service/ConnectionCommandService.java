package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.mapping.AttachmentMapper;
import io.dataflow.privatelink.connection.mapping.ConnectionMapper;
import io.dataflow.privatelink.connection.repository.ConnectionEntity;
import io.dataflow.privatelink.connection.repository.ConnectionRepository;
import io.dataflow.privatelink.connection.repository.DomainAttachmentRepository;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionSnapshot;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionStateMachine;
import io.dataflow.privatelink.contract.api.CreatePrivateLinkConnectionBody;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.contract.api.UpdatePrivateLinkConnectionBody;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionDeletionRequested;
import io.dataflow.privatelink.contract.event.ConnectionRenamed;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.kit.api.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

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
    private final GroupedCreates creates;

    ConnectionCommandService(ClusterRegistry clusters, CreateConnectionValidator validator,
                             ConnectionRepository connections, DomainAttachmentRepository attachments,
                             CommandEvents events, GroupedCreates creates) {
        this.attachments = attachments;
        this.clusters = clusters;
        this.validator = validator;
        this.connections = connections;
        this.events = events;
        this.creates = creates;
    }

    /**
     * Creates the connection on the cluster (as access control found it), written with the creates
     * arriving at the same time ({@link GroupedCreates}), if the cluster and its project are below their
     * connection limits ({@link ConnectionQuotas}; RESOURCE_EXHAUSTED otherwise). With an idempotency key, a
     * repeat of the same request answers what the first one was answered and creates nothing more.
     */
    public Uni<PrivateLinkConnection> create(ClusterPlacement cluster, CreatePrivateLinkConnectionBody body, String caller,
                                             Optional<String> idempotencyKey) {
        CreateConnectionValidator.ValidCreate valid = validator.validate(cluster, body);
        Instant now = CommandClock.now();
        ConnectionSnapshot connection = new ConnectionSnapshot(ConnectionIds.newId(), cluster.clusterId(),
                valid.displayName(), valid.type(), valid.serviceName(), valid.serviceRegion(), ConnectionState.CREATING,
                null, null, null, caller, now, now);
        ConnectionEntity row = ConnectionMapper.newRow(connection);
        ConnectionRequested requested = new ConnectionRequested(connection.connectionId(), cluster.clusterId(),
                connection.displayName(), connection.type(), connection.serviceName(), connection.serviceRegion(),
                caller, now, cluster, row.version);
        PrivateLinkConnection answer = connection.toApi();
        String fingerprint = String.join("\n", caller, valid.displayName(), valid.type().name(),
                valid.serviceName(), valid.serviceRegion());
        return creates.create(new GroupedCreates.NewConnection(row, answer,
                events.accepted(cluster.clusterId(), EventTypes.CONNECTION_REQUESTED, connection.connectionId(), now,
                        requested),
                idempotencyKey.map(key -> IdempotentCreates.keyRow(cluster.clusterId(), key, fingerprint, answer, now)),
                cluster.projectId()));
    }

    @WithTransaction
    public Uni<PrivateLinkConnection> delete(String clusterId, String connectionId, String caller) {
        return clusters.require(clusterId)
                .chain(() -> connections.findForUpdate(clusterId, connectionId))
                .chain(row -> {
                    if (row == null) {
                        return Uni.createFrom().failure(notFound(clusterId, connectionId));
                    }
                    if (!ConnectionStateMachine.canDelete(row.state)) {
                        // Deleting is already under way: answering with the connection keeps DELETE idempotent.
                        return Uni.createFrom().item(ConnectionMapper.toSnapshot(row).toApi());
                    }
                    Instant now = CommandClock.now();
                    row.state = ConnectionState.DELETING;
                    row.message = null;
                    row.updateTime = now;
                    row.version++;
                    ConnectionDeletionRequested deletion = new ConnectionDeletionRequested(connectionId, clusterId,
                            row.type, caller, now, row.version);
                    // Domains go first: the worker removes their records and zones before the endpoint.
                    return attachments.findByConnection(connectionId)
                            .invoke(list -> list.forEach(a -> AttachmentMapper.fillState(a,
                                    AttachmentMapper.toAttachment(a).allIn(DomainState.DELETING, now))))
                            .chain(() -> events.emit(clusterId, EventTypes.CONNECTION_DELETION_REQUESTED,
                                    connectionId, now, deletion))
                            .replaceWith(ConnectionMapper.toSnapshot(row).toApi());
                });
    }

    /**
     * Renames the connection (the update operation, mask {@code displayName}). A name equal to the current one
     * changes nothing and announces nothing; a connection being deleted cannot be renamed.
     */
    @WithTransaction
    public Uni<PrivateLinkConnection> rename(String clusterId, String connectionId, UpdatePrivateLinkConnectionBody body,
                                             String caller) {
        String displayName = RenameValidator.newDisplayName(body);
        return clusters.require(clusterId)
                .chain(() -> connections.findForUpdate(clusterId, connectionId))
                .chain(row -> {
                    if (row == null) {
                        return Uni.createFrom().failure(notFound(clusterId, connectionId));
                    }
                    if (row.state == ConnectionState.DELETING) {
                        return Uni.createFrom().failure(ApiException.failedPrecondition("Private link connection "
                                + connectionId + " is being deleted and can no longer be renamed."));
                    }
                    if (displayName.equals(row.displayName)) {
                        return Uni.createFrom().item(ConnectionMapper.toSnapshot(row).toApi());
                    }
                    Instant now = CommandClock.now();
                    row.displayName = displayName;
                    row.updateTime = now;
                    row.version++;
                    ConnectionRenamed renamed = new ConnectionRenamed(connectionId, clusterId, row.type, displayName,
                            caller, now, row.version);
                    return events.emit(clusterId, EventTypes.CONNECTION_RENAMED, connectionId, now, renamed)
                            .replaceWith(ConnectionMapper.toSnapshot(row).toApi());
                });
    }

    static ApiException notFound(String clusterId, String connectionId) {
        return ApiException.notFound("Private link connection " + connectionId + " was not found in cluster "
                + clusterId + ".");
    }
}
