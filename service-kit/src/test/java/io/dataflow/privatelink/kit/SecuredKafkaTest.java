package io.dataflow.privatelink.kit;

import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.infra.SecuredKafkaTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.dataflow.privatelink.kit.outbox.OutboxWriter;
import io.dataflow.privatelink.kit.testing.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service against a Kafka cluster that requires SASL/SCRAM over TLS, configured by the {@code kafka.*}
 * settings alone: the topic bootstrap (admin), the outbox relay (producer) and the consumer channel (SmallRye)
 * all reach it; the broker refuses a plaintext client on that listener.
 */
@QuarkusTest
@TestProfile(SecuredKafkaTest.Secured.class)
class SecuredKafkaTest {

    /** Only the secured broker: the other classes' @QuarkusTestResource (plaintext Kafka) would apply too. */
    public static class Secured implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SecuredKafkaTestResource.class, Map.of("database", "kit_test")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    OutboxWriter outbox;

    @Test
    void theTopicBootstrapMadeItsTopicsThroughTheSecuredListener() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SecuredKafkaTestResource.kafka().plaintextBootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertTrue(topics.containsAll(Set.of("kit.events.v1", "kit.relayed.v1")), topics.toString());
        }
    }

    @Test
    void theOutboxRelayPublishesOverSaslAndTls() throws Throwable {
        String subject = "plc-" + UUID.randomUUID();
        CloudEvent event = CloudEvent.of("kit.test.v1", "/kit-test", subject, Instant.now(), Map.of("n", 1));
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.append("kit.relayed.v1", event, null)));

        try (TopicProbe topic = TopicProbe.fromBeginning(SecuredKafkaTestResource.kafka().plaintextBootstrapServers(),
                "kit.relayed.v1")) {
            String id = new String(topic.awaitRecord(r -> subject.equals(r.key()), WAIT).headers()
                    .lastHeader(CloudEventKafka.ID).value(), StandardCharsets.UTF_8);
            assertEquals(event.id(), id);
        }
    }

    @Test
    void theConsumerChannelReadsOverSaslAndTls() {
        String connection = "plc-" + UUID.randomUUID();
        CloudEvent event = KitEvents.requested(connection, "secured");
        TopicProbe.send(SecuredKafkaTestResource.kafka().plaintextBootstrapServers(),
                CloudEventKafka.toRecord(KitEvents.TOPIC, connection, event));

        await().atMost(WAIT).until(() -> Sql.count("SELECT count(*) FROM applied_event WHERE event_id = ?1",
                event.id()) == 1);
    }

    @Test
    void theBrokerRefusesAPlaintextClientOnTheSecuredListener() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SecuredKafkaTestResource.kafka().securedBootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000))) {
            assertThrows(ExecutionException.class, () -> admin.listTopics().names().get(20, TimeUnit.SECONDS));
        }
    }
}
