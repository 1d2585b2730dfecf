package io.dataflow.privatelink.connection.service;

import io.dataflow.privatelink.contract.ConnectionSnapshot;
import io.dataflow.privatelink.connection.repository.ConnectionRepository;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.DomainDetached;
import io.dataflow.privatelink.contract.event.DomainStateChanged;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.connection.repository.DomainAttachmentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Optional;

/**
 * Keeps the aggregate's state in step with what the workers report, so that commands are checked
 * against the connection's real state. A deletion the user asked for is not undone by a late report.
 */
@ApplicationScoped
public class WorkerStateFollower {

    private final ConnectionRepository connections;
    private final DomainAttachmentRepository attachments;

    WorkerStateFollower(ConnectionRepository connections, DomainAttachmentRepository attachments) {
        this.connections = connections;
        this.attachments = attachments;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onStateChanged(ConnectionStateChanged changed) {
        Optional<ConnectionSnapshot> current = connections.findForUpdate(changed.clusterId(), changed.connectionId());
        if (current.isEmpty()) {
            return;
        }
        ConnectionSnapshot connection = current.get();
        ConnectionState state = connection.state() == ConnectionState.DELETING ? ConnectionState.DELETING
                : changed.state();
        connections.updateState(connection.withState(state, changed.message(), changed.endpointId(),
                changed.availabilityZoneIds(), changed.changeTime()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onDeleted(ConnectionDeleted deleted) {
        connections.delete(deleted.connectionId());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onDomainStateChanged(DomainStateChanged changed) {
        attachments.findById(changed.attachDomainId())
                // A detach the user asked for is not undone by a report that was on its way.
                .filter(a -> a.state() != DomainState.DELETING)
                .ifPresent(a -> attachments.updateState(a.withState(changed.state(), changed.domains(),
                        changed.changeTime())));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onDomainDetached(DomainDetached detached) {
        attachments.delete(detached.attachDomainId());
    }
}
