package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.connection.repository.ConnectionRepository;
import io.dataflow.privatelink.connection.repository.DomainAttachmentRepository;
import io.dataflow.privatelink.contract.ConnectionSnapshot;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.AttachDomainsBody;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.api.DetachDomainsBody;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.contract.event.DomainDetachRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.kit.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.List;

/**
 * Attaches and detaches domains. Like connection commands, each stores its change and the event for the
 * workers in one transaction; commands on one connection serialise on its row lock.
 */
@ApplicationScoped
public class DomainCommandService {

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
     * follower can write it).
     */
    public void awaitEndpointReport(String connectionId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline && connections.findById(connectionId)
                .filter(c -> c.state() == ConnectionState.CREATING).isPresent()) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    @Transactional
    public AttachDomain attach(String clusterId, String connectionId, AttachDomainsBody body, String caller) {
        ConnectionSnapshot connection = lockConnection(clusterId, connectionId);
        AttachDomainValidator.ValidAttach valid = validator.validate(connection, body);
        attachments.findByZone(valid.plan().zoneName()).ifPresent(existing -> {
            throw alreadyAttached(existing, connectionId, valid.plan().zoneName());
        });
        if (valid.dryRun()) {
            List<Domain> domains = valid.plan().domainNames().stream().map(n -> new Domain(n, null, null)).toList();
            return new AttachDomain(null, clusterId, connectionId, valid.type().name(), valid.uniqueName(), domains,
                    null, null);
        }
        Instant now = CommandClock.now();
        DomainAttachment attachment = new DomainAttachment(DomainAttachment.newId(), connectionId, clusterId,
                connection.type(), valid.type(), valid.uniqueName(), valid.plan().zoneName(), valid.plan().records(),
                DomainState.CREATING, DomainAttachment.domainsIn(valid.plan(), DomainState.CREATING), caller, now,
                now);
        if (!attachments.insert(attachment)) {
            // Another request attached the same name between our check and our insert.
            throw alreadyAttached(attachments.findByZone(attachment.zoneName()).orElseThrow(), connectionId,
                    attachment.zoneName());
        }
        events.emit(clusterId, EventTypes.DOMAIN_ATTACH_REQUESTED, connectionId, now,
                new DomainAttachRequested(attachment.attachDomainId(), connectionId, clusterId, connection.type(),
                        valid.type(), valid.uniqueName(), attachment.zoneName(), attachment.records(), caller, now));
        return attachment.toApi();
    }

    @Transactional
    public AttachDomain detach(String clusterId, String connectionId, DetachDomainsBody body, String caller) {
        if (body == null || body.attachDomainId() == null || body.attachDomainId().isBlank()) {
            throw ApiException.invalidArgument("attachDomainId is required: the id an attachDomains call returned,"
                    + " also listed in the connection's attachedDomains.");
        }
        ConnectionSnapshot connection = lockConnection(clusterId, connectionId);
        String attachDomainId = body.attachDomainId().strip();
        DomainAttachment attachment = (DomainAttachment.isValidId(attachDomainId)
                ? attachments.findById(attachDomainId) : java.util.Optional.<DomainAttachment>empty())
                .filter(a -> a.connectionId().equals(connectionId))
                .orElseThrow(() -> ApiException.notFound("Attached domain " + attachDomainId.replaceAll("\\p{Cntrl}", "?")
                        + " was not found on "
                        + "private link connection " + connectionId + "."));
        if (attachment.state() == DomainState.DELETING || connection.state() == ConnectionState.DELETING) {
            // Already being detached (on its own or with its connection): answering keeps detach idempotent.
            return attachment.toApi();
        }
        Instant now = CommandClock.now();
        DomainAttachment deleting = attachment.allIn(DomainState.DELETING, now);
        attachments.updateState(deleting);
        events.emit(clusterId, EventTypes.DOMAIN_DETACH_REQUESTED, connectionId, now,
                new DomainDetachRequested(attachDomainId, connectionId, clusterId, connection.type(), caller, now));
        return deleting.toApi();
    }

    private ConnectionSnapshot lockConnection(String clusterId, String connectionId) {
        clusters.require(clusterId);
        return connections.findForUpdate(clusterId, connectionId)
                .orElseThrow(() -> ConnectionCommandService.notFound(clusterId, connectionId));
    }

    private static ApiException alreadyAttached(DomainAttachment existing, String connectionId, String zoneName) {
        if (existing.connectionId().equals(connectionId)) {
            return ApiException.alreadyExists("The domains of " + zoneName + " are already attached to this "
                    + "connection (attachDomainId " + existing.attachDomainId() + ").");
        }
        // Which connection holds it is not said: it may belong to someone else.
        return ApiException.alreadyExists("The domains of " + zoneName + " are already attached to another "
                + "connection; a unique name serves one connection at a time. Detach it there first, or (for "
                + "TIDBCLOUD_MANAGED) generate a new name with validateOnly=true.");
    }
}
