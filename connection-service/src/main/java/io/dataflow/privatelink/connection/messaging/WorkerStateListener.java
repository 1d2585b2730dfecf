package io.dataflow.privatelink.connection.messaging;

import io.dataflow.privatelink.connection.service.WorkerStateFollower;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.DomainDetached;
import io.dataflow.privatelink.contract.event.DomainStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.kit.inbox.InboundEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Follows the workers' state events (channel {@code connection-state}). */
@ApplicationScoped
public class WorkerStateListener {

    private static final String CONSUMER = "connection-service";

    private final InboundEvents inbound;
    private final WorkerStateFollower follower;

    WorkerStateListener(InboundEvents inbound, WorkerStateFollower follower) {
        this.inbound = inbound;
        this.follower = follower;
    }

    @Incoming("connection-state")
    @Blocking
    public void onRecord(ConsumerRecord<String, String> record) {
        inbound.handleOnce(CONSUMER, record, event -> {
            switch (event.type()) {
                case EventTypes.CONNECTION_STATE_CHANGED -> follower.onStateChanged(event.dataAs(ConnectionStateChanged.class));
                case EventTypes.CONNECTION_DELETED -> follower.onDeleted(event.dataAs(ConnectionDeleted.class));
                case EventTypes.DOMAIN_STATE_CHANGED -> follower.onDomainStateChanged(event.dataAs(DomainStateChanged.class));
                case EventTypes.DOMAIN_DETACHED -> follower.onDomainDetached(event.dataAs(DomainDetached.class));
                default -> {
                    // Other types on this topic are not for this service; newer types are ignored, not failed.
                }
            }
        });
    }
}
