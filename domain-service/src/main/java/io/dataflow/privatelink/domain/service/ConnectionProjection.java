package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionDeletionRequested;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Projects connection events into the read model and the history. */
@ApplicationScoped
public class ConnectionProjection {

    private final ConnectionViewRepository views;

    ConnectionProjection(ConnectionViewRepository views) {
        this.views = views;
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
            }
            default -> {
                // Types this version does not know are skipped, so producers can add types first.
            }
        }
    }
}
