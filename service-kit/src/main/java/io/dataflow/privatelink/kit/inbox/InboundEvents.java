package io.dataflow.privatelink.kit.inbox;

import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.function.Consumer;

/**
 * Handles one Kafka record exactly once in effect: the record is decoded as a CloudEvent, and the
 * handler's database changes commit in the same transaction as the event id's entry in the
 * processed-event log, so a redelivered event changes nothing. A malformed record throws, and the
 * messaging layer dead-letters it instead of stopping the consumer.
 */
@ApplicationScoped
public class InboundEvents {

    private final ProcessedEvents processed;

    InboundEvents(ProcessedEvents processed) {
        this.processed = processed;
    }

    @Transactional
    public void handleOnce(String consumer, ConsumerRecord<String, String> record, Consumer<CloudEvent> handler) {
        CloudEvent event = CloudEventKafka.fromRecord(record);
        if (processed.firstDelivery(consumer, event.id())) {
            handler.accept(event);
        }
    }
}
