package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.mapping.AttachmentMapper;
import io.dataflow.privatelink.connection.mapping.ConnectionMapper;
import io.dataflow.privatelink.connection.repository.ConnectionEntity;
import io.dataflow.privatelink.connection.repository.ConnectionRepository;
import io.dataflow.privatelink.connection.repository.DomainAttachmentRepository;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.AttachDomainsBody;
import io.dataflow.privatelink.contract.api.DetachDomainsBody;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.contract.event.DomainDetachRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.kit.api.ApiException;
import io.dataflow.privatelink.kit.api.ControlCharacters;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Attaches and detaches domains. Like connection commands, each stores its change and the event for the
 * workers in one transaction; commands on one connection serialise on its row lock.
 */
@ApplicationScoped
public class DomainCommandService {

    private static final Duration REPORT_POLL = Duration.ofMillis(50);

    private final ClusterRegistry clusters;
    private final ConnectionRepository connections;
    private final DomainAttachmentRepository attachments;
    private final AttachDomainValidator validator;
    private final CommandEvents events;

    DomainCommandService(ClusterRegistry clusters, ConnectionRepository connections,
                         DomainAttachmentRepository attachments, AttachDomainValidator validator, CommandEvents events) {
        this.clusters = clusters;
        this.connections = connections;
        this.attachments = attachments;
        this.validator = validator;
        this.events = events;
    }

    /**
     * The read side and this aggregate follow the workers' reports independently: a caller may already see
     * PENDING_ACCEPTANCE while this service is a moment behind. Before refusing an attach to a connection
     * still CREATING here, give the report up to {@code wait} to arrive (outside any transaction, so the
     * follower can write it; the wait holds no thread).
     */
    public Uni<Void> awaitEndpointReport(String connectionId, Duration wait) {
        if (!ConnectionIds.isValid(connectionId)) {
            return Uni.createFrom().voidItem();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        return Uni.createFrom().deferred(() -> Panache.withSession(() -> connections.findById(connectionId)))
                .onItem().transformToUni(row -> row != null && row.state == ConnectionState.CREATING
                        && System.nanoTime() < deadline
                        ? Uni.createFrom().failure(new StillCreating()) : Uni.createFrom().voidItem())
                .onFailure(StillCreating.class).retry().withBackOff(REPORT_POLL, REPORT_POLL).indefinitely();
    }

    /** Not a failure: the connection is still CREATING here, so look again in a moment. */
    private static final class StillCreating extends RuntimeException {
        StillCreating() {
            super(null, null, false, false);
        }
    }

    @WithTransaction
    public Uni<AttachDomain> attach(String clusterId, String connectionId, AttachDomainsBody body, String caller) {
        return lockConnection(clusterId, connectionId).chain(row -> {
            AttachDomainValidator.ValidAttach valid = validator.validate(ConnectionMapper.toSnapshot(row), body);
            return attachments.findByZone(valid.plan().zoneName()).chain(existing -> {
                if (existing != null) {
                    return Uni.createFrom().failure(alreadyAttached(existing.connectionId,
                            existing.attachDomainId, connectionId, valid.plan().zoneName()));
                }
                if (valid.dryRun()) {
                    List<Domain> domains = valid.plan().domainNames().stream().map(n -> new Domain(n, null, null))
                            .toList();
                    return Uni.createFrom().item(new AttachDomain(null, clusterId, connectionId, valid.type().name(),
                            valid.uniqueName(), domains, null, null));
                }
                return attach(row, valid, caller);
            });
        });
    }

    private Uni<AttachDomain> attach(ConnectionEntity connection, AttachDomainValidator.ValidAttach valid,
                                     String caller) {
        Instant now = CommandClock.now();
        DomainAttachment attachment = new DomainAttachment(DomainAttachment.newId(), connection.connectionId,
                connection.clusterId, connection.type, valid.type(), valid.uniqueName(), valid.plan().zoneName(),
                valid.plan().records(), DomainState.CREATING, DomainAttachment.domainsIn(valid.plan(),
                DomainState.CREATING), caller, now, now);
        return attachments.insertUnlessZoneTaken(AttachmentMapper.newRow(attachment)).chain(inserted -> {
            if (!inserted) {
                // Another request attached the same name between our check and our insert.
                return attachments.findByZone(attachment.zoneName()).chain(winner -> Uni.createFrom().failure(
                        alreadyAttached(winner.connectionId, winner.attachDomainId, connection.connectionId,
                                attachment.zoneName())));
            }
            connection.version++;
            connection.updateTime = now;
            return events.emit(connection.clusterId, EventTypes.DOMAIN_ATTACH_REQUESTED, connection.connectionId, now,
                            new DomainAttachRequested(attachment.attachDomainId(), connection.connectionId,
                                    connection.clusterId, connection.type, valid.type(), valid.uniqueName(),
                                    attachment.zoneName(), attachment.records(), caller, now, connection.version))
                    .replaceWith(attachment.toApi());
        });
    }

    @WithTransaction
    public Uni<AttachDomain> detach(String clusterId, String connectionId, DetachDomainsBody body, String caller) {
        if (body == null || body.attachDomainId() == null || body.attachDomainId().isBlank()) {
            return Uni.createFrom().failure(ApiException.invalidArgument("attachDomainId is required: the id an "
                    + "attachDomains call returned, also listed in the connection's attachedDomains."));
        }
        String attachDomainId = body.attachDomainId().strip();
        return lockConnection(clusterId, connectionId).chain(connection -> (DomainAttachment.isValidId(attachDomainId)
                        ? attachments.findById(attachDomainId) : Uni.createFrom().<io.dataflow.privatelink.connection
                        .repository.AttachedDomainEntity>nullItem())
                .chain(row -> {
                    if (row == null || !row.connectionId.equals(connectionId)) {
                        return Uni.createFrom().failure(ApiException.notFound("Attached domain "
                                + ControlCharacters.scrubbed(attachDomainId) + " was not found on private link "
                                + "connection " + connectionId + "."));
                    }
                    DomainAttachment attachment = AttachmentMapper.toAttachment(row);
                    if (attachment.state() == DomainState.DELETING || connection.state == ConnectionState.DELETING) {
                        // Already being detached (on its own or with its connection): answering keeps detach idempotent.
                        return Uni.createFrom().item(attachment.toApi());
                    }
                    Instant now = CommandClock.now();
                    DomainAttachment deleting = attachment.allIn(DomainState.DELETING, now);
                    AttachmentMapper.fillState(row, deleting);
                    connection.version++;
                    connection.updateTime = now;
                    return events.emit(clusterId, EventTypes.DOMAIN_DETACH_REQUESTED, connectionId, now,
                                    new DomainDetachRequested(attachDomainId, connectionId, clusterId, connection.type,
                                            caller, now, connection.version))
                            .replaceWith(deleting.toApi());
                }));
    }

    private Uni<ConnectionEntity> lockConnection(String clusterId, String connectionId) {
        return clusters.require(clusterId)
                .chain(() -> connections.findForUpdate(clusterId, connectionId))
                .onItem().ifNull().failWith(() -> ConnectionCommandService.notFound(clusterId, connectionId));
    }

    private static ApiException alreadyAttached(String holderConnectionId, String holderAttachId, String connectionId,
                                                String zoneName) {
        if (holderConnectionId.equals(connectionId)) {
            return ApiException.alreadyExists("The domains of " + zoneName + " are already attached to this "
                    + "connection (attachDomainId " + holderAttachId + ").");
        }
        // Which connection holds it is not said: it may belong to someone else.
        return ApiException.alreadyExists("The domains of " + zoneName + " are already attached to another "
                + "connection; a unique name serves one connection at a time. Detach it there first, or (for "
                + "TIDBCLOUD_MANAGED) generate a new name with validateOnly=true.");
    }
}
