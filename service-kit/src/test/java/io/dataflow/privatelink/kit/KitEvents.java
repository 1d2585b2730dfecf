package io.dataflow.privatelink.kit;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.infra.SharedInfra;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events for service-kit's tests, sent as another service would. */
final class KitEvents {

    static final String TOPIC = "kit.events.v1";

    private KitEvents() {
    }

    static CloudEvent requested(String connectionId, String displayName) {
        ConnectionRequested payload = new ConnectionRequested(connectionId, "c-1", displayName,
                ConnectionType.AWS_ENDPOINT_SERVICE, "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
                "us-east-1", "alice", Instant.now(), new ClusterPlacement("c-1", "p", CloudProvider.AWS, "us-east-1",
                "111111111111", "vpc-1", List.of("use1-az1"), Map.of("use1-az1", "subnet-1"), "sg-1"), 1);
        return CloudEvent.of(EventTypes.CONNECTION_REQUESTED, "/kit-test", connectionId, Instant.now(), payload);
    }

    static void send(CloudEvent event) {
        send(CloudEventKafka.toRecord(TOPIC, event.subject(), event));
    }

    static void send(ProducerRecord<String, String> record) {
        TopicProbe.send(SharedInfra.kafka().bootstrapServers(), record);
    }
}
