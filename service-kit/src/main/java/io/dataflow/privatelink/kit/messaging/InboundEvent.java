package io.dataflow.privatelink.kit.messaging;

import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.EventPayload;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record of a batch, decoded and checked against the event contract, with the trace context of its
 * processing ({@code traceParent}, as the W3C trace context header carries it; null: not traced): what it
 * causes is announced under it.
 */
public record InboundEvent(CloudEvent event, EventPayload payload, ConsumerRecord<String, String> record,
                           String traceParent) {

    public String type() {
        return event.type();
    }

    public <T extends EventPayload> T payloadAs(Class<T> type) {
        return type.cast(payload);
    }
}
