package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionDeletionRequested;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.contract.domains.DomainPlan;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.contract.event.DomainDetachRequested;
import io.dataflow.privatelink.contract.event.DomainDetached;
import io.dataflow.privatelink.contract.event.DomainStateChanged;
import io.dataflow.privatelink.domain.repository.AttachmentViewRepository;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Projects connection and domain events into the read models, the history and the routing table. */
@ApplicationScoped
public class ConnectionProjection {

    private final ConnectionViewRepository views;
    private final AttachmentViewRepository attachments;

    private final SnapshotChanges changes;

    ConnectionProjection(ConnectionViewRepository views, AttachmentViewRepository attachments,
                         SnapshotChanges changes) {
        this.views = views;
        this.attachments = attachments;
        this.changes = changes;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CloudEvent event) {
        switch (event.type()) {
            case EventTypes.CONNECTION_REQUESTED -> {
                ConnectionRequested requested = event.dataAs(ConnectionRequested.class);
                views.upsertRequested(requested);
                views.appendHistory(requested.connectionId(), ConnectionState.CREATING, null, requested.createTime());
            }
            case EventTypes.CONNECTION_DELETION_REQUESTED -> {
                ConnectionDeletionRequested deletion = event.dataAs(ConnectionDeletionRequested.class);
                views.markDeletionRequested(deletion.connectionId(), deletion.clusterId(), deletion.requestTime());
                attachments.markConnectionDetaching(deletion.connectionId(), deletion.clusterId(),
                        deletion.requestTime());
                views.appendHistory(deletion.connectionId(), ConnectionState.DELETING,
                        "deletion requested by " + deletion.requestedBy(), deletion.requestTime());
            }
            case EventTypes.CONNECTION_STATE_CHANGED -> {
                ConnectionStateChanged changed = event.dataAs(ConnectionStateChanged.class);
                views.applyState(changed);
                views.appendHistory(changed.connectionId(), changed.state(), changed.message(), changed.changeTime());
            }
            case EventTypes.CONNECTION_DELETED -> {
                ConnectionDeleted deleted = event.dataAs(ConnectionDeleted.class);
                views.markDeleted(deleted.connectionId(), deleted.clusterId(), deleted.deleteTime());
                attachments.markConnectionDeleted(deleted.connectionId(), deleted.deleteTime());
            }
            case EventTypes.DOMAIN_ATTACH_REQUESTED -> {
                DomainAttachRequested requested = event.dataAs(DomainAttachRequested.class);
                attachments.upsertRequested(requested, DomainAttachment.domainsIn(
                        new DomainPlan(requested.zoneName(), requested.records()), DomainState.CREATING));
            }
            case EventTypes.DOMAIN_DETACH_REQUESTED -> {
                DomainDetachRequested detach = event.dataAs(DomainDetachRequested.class);
                attachments.markDetachRequested(detach.attachDomainId(), detach.connectionId(), detach.clusterId(),
                        detach.requestTime());
            }
            case EventTypes.DOMAIN_STATE_CHANGED -> attachments.applyState(event.dataAs(DomainStateChanged.class));
            case EventTypes.DOMAIN_DETACHED -> {
                DomainDetached detached = event.dataAs(DomainDetached.class);
                attachments.markDetached(detached.attachDomainId(), detached.connectionId(), detached.clusterId(),
                        detached.detachTime());
            }
            default -> {
                // Types this version does not know are skipped, so producers can add types first.
                return;
            }
        }
        changes.record(event.subject(), event.time());
    }
}
