package io.dataflow.privatelink.connection.messaging;

import io.dataflow.privatelink.connection.service.WorkerStateFollower;
import io.dataflow.privatelink.kit.kafka.KafkaTopicsConfig;
import io.dataflow.privatelink.kit.messaging.EventBatches;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Follows the workers' state events (channel {@code connection-state}), a poll's batch per transaction. */
@ApplicationScoped
public class WorkerStateListener {

    private final EventBatches batches;
    private final WorkerStateFollower follower;
    private final String consumer;

    WorkerStateListener(EventBatches batches, WorkerStateFollower follower, KafkaTopicsConfig topics) {
        this.batches = batches;
        this.follower = follower;
        this.consumer = topics.consumerName();
    }

    @Incoming("connection-state")
    public Uni<Void> onRecords(ConsumerRecords<String, String> records) {
        return batches.consume(consumer, records, follower::follow);
    }
}
