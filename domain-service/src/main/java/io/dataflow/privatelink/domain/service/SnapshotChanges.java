package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.contract.ConnectionSnapshot;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.EventJson;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.domain.config.DomainServiceConfig;
import io.dataflow.privatelink.domain.repository.AttachmentViewRepository;
import io.dataflow.privatelink.domain.repository.ChangeLogRepository;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository;
import io.dataflow.privatelink.kit.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * After each projected event, records the connection's new snapshot when it differs from the last
 * one: in the change log (status subscriptions) and on the compacted integration topic (other
 * dataflow services, through the outbox), in the projection's transaction. A deleted connection
 * leaves a null snapshot and a tombstone. Events that change nothing a reader can see (a redelivery,
 * a late report after a deletion) produce nothing, so subscribers see each transition once.
 */
@ApplicationScoped
public class SnapshotChanges {

    private final ConnectionViewRepository views;
    private final AttachmentViewRepository attachments;
    private final ChangeLogRepository changeLog;
    private final OutboxWriter outbox;
    private final DomainServiceConfig config;
    private final TransactionSynchronizationRegistry transactions;
    private final SubscriptionHub hub;

    SnapshotChanges(ConnectionViewRepository views, AttachmentViewRepository attachments,
                    ChangeLogRepository changeLog, OutboxWriter outbox, DomainServiceConfig config,
                    TransactionSynchronizationRegistry transactions, SubscriptionHub hub) {
        this.views = views;
        this.attachments = attachments;
        this.changeLog = changeLog;
        this.outbox = outbox;
        this.config = config;
        this.transactions = transactions;
        this.hub = hub;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String connectionId, Instant time) {
        Optional<ConnectionSnapshot> view = views.findVisible(connectionId);
        boolean deleted = view.isEmpty() && views.isDeleted(connectionId);
        if (view.isEmpty() && !deleted) {
            return;  // its request is not projected yet: the snapshot follows with it
        }
        PrivateLinkConnection snapshot = view.map(this::withDomains).orElse(null);
        Optional<ChangeLogRepository.Change> last = changeLog.latest(connectionId);
        if (last.isPresent() && sameForReaders(last.get().snapshot(), snapshot)) {
            return;
        }
        if (last.isEmpty() && deleted) {
            return;  // never shown, nothing to take back
        }
        String clusterId = view.map(ConnectionSnapshot::clusterId).orElseGet(() -> last.get().clusterId());
        changeLog.append(connectionId, clusterId, snapshot == null ? null : EventJson.write(snapshot), time);
        if (config.integration().enabled()) {
            publish(connectionId, snapshot, time);
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    hub.wakeUp();
                }
            }
        });
    }

    /** On the integration topic: the snapshot, or a tombstone once the connection is deleted. */
    private void publish(String connectionId, PrivateLinkConnection snapshot, Instant time) {
        String source = config.integration().eventSource();
        outbox.append(config.integration().topic(), snapshot == null
                ? CloudEvent.tombstone(EventTypes.CONNECTION_DELETED, source, connectionId, time)
                : CloudEvent.of(EventTypes.CONNECTION_SNAPSHOT, source, connectionId, time, snapshot));
    }

    /** What the get operation shows for the connection, attached domains included. */
    private PrivateLinkConnection withDomains(ConnectionSnapshot connection) {
        return connection.toApi().withAttachedDomains(attachments.findByConnection(connection.connectionId())
                .stream().map(DomainAttachment::toApi).toList());
    }

    /** Equal but for {@code updateTime}, which moves with every event even when nothing else does. */
    private static boolean sameForReaders(String lastJson, PrivateLinkConnection snapshot) {
        if (lastJson == null || snapshot == null) {
            return lastJson == null && snapshot == null;
        }
        PrivateLinkConnection last = EventJson.read(lastJson, PrivateLinkConnection.class);
        return Objects.equals(last.withUpdateTime(null), snapshot.withUpdateTime(null));
    }
}
