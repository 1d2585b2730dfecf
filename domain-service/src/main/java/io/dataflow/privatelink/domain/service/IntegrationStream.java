package io.dataflow.privatelink.domain.service;

import io.dataflow.privatelink.contract.ConnectionSnapshot;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.domain.config.DomainServiceConfig;
import io.dataflow.privatelink.domain.repository.AttachmentViewRepository;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository;
import io.dataflow.privatelink.kit.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;

/**
 * Publishes each connection's latest full snapshot on the compacted integration topic, in the same
 * transaction as the projection that changed it (outbox): other dataflow services read one topic and
 * always end up with what the API shows, and a deleted connection leaves a tombstone.
 */
@ApplicationScoped
public class IntegrationStream {

    private final ConnectionViewRepository views;
    private final AttachmentViewRepository attachments;
    private final OutboxWriter outbox;
    private final DomainServiceConfig config;

    IntegrationStream(ConnectionViewRepository views, AttachmentViewRepository attachments, OutboxWriter outbox,
                      DomainServiceConfig config) {
        this.views = views;
        this.attachments = attachments;
        this.outbox = outbox;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String connectionId, Instant time) {
        Optional<PrivateLinkConnection> snapshot = snapshot(connectionId);
        if (snapshot.isPresent()) {
            outbox.append(config.integration().topic(), CloudEvent.of(EventTypes.CONNECTION_SNAPSHOT,
                    config.integration().eventSource(), connectionId, time, snapshot.get()));
        } else if (views.isDeleted(connectionId)) {
            outbox.append(config.integration().topic(), CloudEvent.tombstone(EventTypes.CONNECTION_DELETED,
                    config.integration().eventSource(), connectionId, time));
        }
        // Otherwise the connection's request is not projected yet: its snapshot follows with it.
    }

    /** What the get operation shows for the connection, attached domains included. */
    public Optional<PrivateLinkConnection> snapshot(String connectionId) {
        return views.findVisible(connectionId).map(ConnectionSnapshot::toApi)
                .map(api -> api.withAttachedDomains(attachments.findByConnection(connectionId).stream()
                        .map(DomainAttachment::toApi).toList()));
    }
}
