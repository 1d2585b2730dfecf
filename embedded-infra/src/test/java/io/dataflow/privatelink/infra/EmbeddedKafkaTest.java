package io.dataflow.privatelink.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedKafkaTest {

    private static final String TOPIC = "orders";

    @TempDir
    Path dataDir;

    @Test
    void producesAndConsumesAndKeepsRecordsAcrossRestart() throws Exception {
        String clusterId;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
            System.out.printf("Kafka start with format: %d ms%n", kafka.startupTime().toMillis());
            clusterId = kafka.clusterId();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            produce(kafka, TOPIC, "order-1", "created");
            assertEquals(List.of("created"), consumeAll(kafka, TOPIC, "first-run", 1));
        }
        assertTrue(Files.exists(dataDir.resolve("meta.properties")), "data dir formatted");

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
            System.out.printf("Kafka restart on existing data: %d ms%n", kafka.startupTime().toMillis());
            assertEquals(clusterId, kafka.clusterId(), "same cluster: not re-formatted");
            assertEquals(List.of("created"), consumeAll(kafka, TOPIC, "second-run", 1));
        }
    }

    @Test
    void createsTopicsOnFirstUseWithThreePartitions() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
            System.out.printf("Kafka start with format: %d ms%n", kafka.startupTime().toMillis());
            produce(kafka, "auto-created", "k", "v");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                int partitions = admin.describeTopics(List.of("auto-created")).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get("auto-created").partitions().size();
                assertEquals(3, partitions);
            }
        }
    }

    static void produce(EmbeddedKafka kafka, String topic, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads the topic from the beginning with a new consumer group until {@code expected} values arrived. */
    static List<String> consumeAll(EmbeddedKafka kafka, String topic, String group, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60))
                    .pollInSameThread() // KafkaConsumer is single-threaded
                    .pollInterval(Duration.ZERO)
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                        return values.size() >= expected;
                    });
        }
        return values;
    }
}
