package io.dataflow.privatelink.domain.messaging;

import io.dataflow.privatelink.domain.service.ConnectionProjection;
import io.dataflow.privatelink.kit.kafka.KafkaTopicsConfig;
import io.dataflow.privatelink.kit.messaging.EventBatches;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds both connection topics (requests and states, one channel) into the projection, a poll's batch
 * per transaction, each event once. The topics share their keys and partition counts, and the range
 * assignor gives an instance the same partitions of both, so one instance projects all of a connection.
 */
@ApplicationScoped
public class ConnectionEventListener {

    private final EventBatches batches;
    private final ConnectionProjection projection;
    private final String consumer;

    ConnectionEventListener(EventBatches batches, ConnectionProjection projection, KafkaTopicsConfig topics) {
        this.batches = batches;
        this.projection = projection;
        this.consumer = topics.consumerName();
    }

    @Incoming("connection-events")
    public Uni<Void> onRecords(ConsumerRecords<String, String> records) {
        return batches.consume(consumer, records, projection::apply);
    }
}
