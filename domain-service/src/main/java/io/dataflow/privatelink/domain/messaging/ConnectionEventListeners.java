package io.dataflow.privatelink.domain.messaging;

import io.dataflow.privatelink.domain.service.ConnectionProjection;
import io.dataflow.privatelink.kit.inbox.InboundEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds both connection topics into the projection, each event once. */
@ApplicationScoped
public class ConnectionEventListeners {

    private static final String CONSUMER = "domain-service";

    private final InboundEvents inbound;
    private final ConnectionProjection projection;

    ConnectionEventListeners(InboundEvents inbound, ConnectionProjection projection) {
        this.inbound = inbound;
        this.projection = projection;
    }

    @Incoming("connection-requests")
    @Blocking
    public void onRequest(ConsumerRecord<String, String> record) {
        inbound.handleOnce(CONSUMER, record, projection::apply);
    }

    @Incoming("connection-state")
    @Blocking
    public void onState(ConsumerRecord<String, String> record) {
        inbound.handleOnce(CONSUMER, record, projection::apply);
    }
}
