package io.dataflow.privatelink.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.domains.BaseDomains;
import io.dataflow.privatelink.contract.domains.DomainAttachment;
import io.dataflow.privatelink.contract.domains.DomainNames;
import io.dataflow.privatelink.contract.domains.DomainPlan;
import io.dataflow.privatelink.contract.domains.DomainType;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The integration stream as an outside dataflow service reads it: a plain Kafka consumer in its own
 * group, keeping the latest value per key (what a compacted topic converges to).
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "domain_service"))
@QuarkusTestResource(DomainServiceTokens.class)
class IntegrationStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aChangefeedFindsTheEndpointAndDomainsOfAConnectionAndSeesItsDeletionAsATombstone() throws Exception {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        String unique = DomainNames.newManagedUniqueName();
        ClusterPlacement placement = new ClusterPlacement(cluster, "p", CloudProvider.AWS, "us-east-1", "111111111111",
                "vpc-1", List.of("use1-az1"), Map.of("use1-az1", "subnet-1"), "sg-1");
        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, new ConnectionRequested(id, cluster,
                "orders-kafka", ConnectionType.AWS_ENDPOINT_SERVICE,
                "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "us-east-1", "alice", now(), placement, TestVersions.next()));
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id, new ConnectionStateChanged(id, cluster,
                ConnectionState.ACTIVE, null, "vpce-0feed", List.of("use1-az1"), now(), TestVersions.next()));
        DomainPlan plan = DomainPlan.of(ConnectionType.AWS_ENDPOINT_SERVICE, DomainType.TIDBCLOUD_MANAGED, unique,
                List.of("use1-az1"), BaseDomains.DEFAULT);
        send(Topics.CONNECTION_REQUESTS, EventTypes.DOMAIN_ATTACH_REQUESTED, id, new DomainAttachRequested(
                DomainAttachment.newId(), id, cluster, ConnectionType.AWS_ENDPOINT_SERVICE,
                DomainType.TIDBCLOUD_MANAGED, unique, plan.zoneName(), plan.records(), "alice", now(), TestVersions.next()));

        try (Changefeed feed = new Changefeed(bootstrapServers)) {
            JsonNode latest = await().atMost(Duration.ofSeconds(30)).until(() -> feed.poll().latest(id),
                    node -> node != null && node.path("attachedDomains").size() == 1
                            && "ACTIVE".equals(node.path("state").asText()));
            assertEquals("vpce-0feed", latest.path("awsEndpointService").path("endpointId").asText());
            assertEquals("*.use1-az1." + unique + ".aws.plc.tidbcloud.com",
                    latest.path("attachedDomains").get(0).path("domains").get(0).path("name").asText());
            ConsumerRecord<String, String> record = feed.lastRecord(id);
            assertEquals(EventTypes.CONNECTION_SNAPSHOT, header(record, CloudEventKafka.TYPE));
            assertEquals(id, header(record, CloudEventKafka.SUBJECT));
            assertEquals("application/json", header(record, CloudEventKafka.CONTENT_TYPE));

            send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_DELETED, id, new ConnectionDeleted(id, cluster, now(), TestVersions.next()));
            await().atMost(Duration.ofSeconds(30)).until(() -> feed.poll().lastRecord(id).value() == null);
            assertNull(feed.latest(id));
            assertEquals(EventTypes.CONNECTION_DELETED, header(feed.lastRecord(id), CloudEventKafka.TYPE));
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONNECTIONS);
            String policy = admin.describeConfigs(List.of(topic)).all().get().get(topic)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, policy);
        }
    }

    @Test
    void eachSnapshotIsPublishedInTheTraceOfTheEventThatChangedIt() throws Exception {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        String requestTrace = UUID.randomUUID().toString().replace("-", "");
        String workerTrace = UUID.randomUUID().toString().replace("-", "");
        ClusterPlacement placement = new ClusterPlacement(cluster, "p", CloudProvider.AWS, "us-east-1", "111111111111",
                "vpc-1", List.of("use1-az1"), Map.of("use1-az1", "subnet-1"), "sg-1");
        try (Changefeed feed = new Changefeed(bootstrapServers)) {
            sendTraced(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, new ConnectionRequested(id,
                    cluster, "orders-kafka", ConnectionType.AWS_ENDPOINT_SERVICE,
                    "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "us-east-1", "alice", now(), placement,
                    TestVersions.next()), requestTrace);
            await().atMost(Duration.ofSeconds(30)).until(() -> feed.poll().latest(id) != null);
            assertEquals(requestTrace, traceOf(feed.lastRecord(id)), "the CREATING snapshot: the request's trace");

            sendTraced(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id, new ConnectionStateChanged(id,
                    cluster, ConnectionState.ACTIVE, null, "vpce-0feed", List.of("use1-az1"), now(),
                    TestVersions.next()), workerTrace);
            await().atMost(Duration.ofSeconds(30)).until(() -> feed.poll().latest(id),
                    node -> node != null && "ACTIVE".equals(node.path("state").asText()));
            assertEquals(workerTrace, traceOf(feed.lastRecord(id)), "the ACTIVE snapshot: the worker's report's trace");
        }
    }

    private void sendTraced(String topic, String type, String id, Object payload, String traceId) {
        org.apache.kafka.clients.producer.ProducerRecord<String, String> record = CloudEventKafka.toRecord(topic, id,
                CloudEvent.of(type, "/test", id, now(), payload));
        record.headers().add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
        TopicProbe.send(bootstrapServers, record);
    }

    private static String traceOf(ConsumerRecord<String, String> record) {
        return header(record, "traceparent").split("-", -1)[1];
    }

    /** What an outside service would write: its own consumer group, the latest value per key. */
    private static final class Changefeed implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final Map<String, ConsumerRecord<String, String>> last = new HashMap<>();

        Changefeed(String bootstrapServers) {
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, "changefeed-" + UUID.randomUUID());
            properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer = new KafkaConsumer<>(properties);
            consumer.subscribe(List.of(Topics.CONNECTIONS));
        }

        Changefeed poll() {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> last.put(r.key(), r));
            return this;
        }

        ConsumerRecord<String, String> lastRecord(String key) {
            return last.get(key);
        }

        JsonNode latest(String key) throws Exception {
            ConsumerRecord<String, String> record = last.get(key);
            return record == null || record.value() == null ? null : JSON.readTree(record.value());
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private void send(String topic, String type, String id, Object payload) {
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(topic, id, CloudEvent.of(type, "/test", id, now(),
                payload)));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
