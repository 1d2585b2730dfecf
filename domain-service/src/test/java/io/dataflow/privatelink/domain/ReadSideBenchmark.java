package io.dataflow.privatelink.domain;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository;
import io.dataflow.privatelink.domain.service.StatusSubscriptions;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Read-side figures (run with {@code ./mvnw -pl domain-service -am verify -Pbenchmark}); they print
 * and assert nothing. Projection throughput is measured beside a plain Kafka consumer reading the
 * same records in the same run; fan-out opens N Server-Sent Events subscribers to one cluster and
 * times one change reaching all of them. Clients and server share this JVM (and its 2 cores), so the
 * fan-out time and memory include the clients' share.
 */
@QuarkusTest
@Tag("benchmark")
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "domain_service"))
class ReadSideBenchmark {

    private static final int CONNECTIONS = 5_000;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URI base;

    @Inject
    ConnectionViewRepository views;

    @Inject
    StatusSubscriptions subscriptions;

    @Test
    void projectionThroughputBesideAPlainKafkaConsumer() {
        String cluster = "bench-" + UUID.randomUUID();
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < CONNECTIONS; i++) {
                String id = ConnectionIds.newId();
                producer.send(record(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, requested(cluster, id)));
                producer.send(record(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id,
                        new ConnectionStateChanged(id, cluster, ConnectionState.PENDING_ACCEPTANCE, null, "vpce-0b",
                                List.of("use1-az1"), now(), TestVersions.next())));
            }
        }
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> io.dataflow.privatelink.kit.testing.Sql.count("SELECT count(*) FROM connection_view WHERE cluster_id = ?1 AND state = 'PENDING_ACCEPTANCE'", cluster) == CONNECTIONS);
        double projectionSeconds = (System.nanoTime() - started) / 1e9;
        int events = 2 * CONNECTIONS;

        long consumerStarted = System.nanoTime();
        long read = readEverything();
        double consumerSeconds = (System.nanoTime() - consumerStarted) / 1e9;

        System.out.printf("%nPROJECTION %d events (%d connections x request + state change)%n", events, CONNECTIONS);
        System.out.printf("  domain-service projection: %.1f s = %.0f events/s (read model, history, change log,"
                + " integration outbox, each in one transaction per event)%n", projectionSeconds, events / projectionSeconds);
        System.out.printf("  plain Kafka consumer, same topics: %d records in %.2f s = %.0f records/s%n", read,
                consumerSeconds, read / consumerSeconds);
        System.out.printf("  ratio projection/plain consumer: %.3f%n", (events / projectionSeconds) / (read / consumerSeconds));
    }

    @Test
    void fanOutOfOneChangeTo1000And5000Subscribers() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();  // no close() before Java 21
        System.out.printf("%nFAN-OUT (one cluster's stream, one change)%n");
        for (int subscribers : List.of(1_000, 5_000)) {
            String cluster = "fan-" + UUID.randomUUID();
            String id = ConnectionIds.newId();
            send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, requested(cluster, id));
            await().atMost(Duration.ofSeconds(30)).until(() -> io.dataflow.privatelink.kit.testing.Sql.count("SELECT count(*) FROM connection_view WHERE connection_id = ?1 AND display_name IS NOT NULL", id) == 1);

            long heapBefore = usedHeap();
            CountDownLatch initial = new CountDownLatch(subscribers);
            CountDownLatch changed = new CountDownLatch(subscribers);
            List<Marker> streams = new ArrayList<>();
            URI watch = base.resolve("/v1beta1/clusters/" + cluster + "/privateLinkConnections:watch");
            long opening = System.nanoTime();
            for (int i = 0; i < subscribers; i++) {
                Marker marker = new Marker(initial, changed);
                streams.add(marker);
                client.sendAsync(HttpRequest.newBuilder(watch).header("Accept", "text/event-stream").build(),
                        info -> HttpResponse.BodySubscribers.fromLineSubscriber(marker));
            }
            if (!initial.await(5, TimeUnit.MINUTES)) {
                throw new AssertionError(initial.getCount() + " subscribers never got their first event");
            }
            double openSeconds = (System.nanoTime() - opening) / 1e9;
            long heapHeld = usedHeap() - heapBefore;
            int held = subscriptions.subscribers();

            long changeSent = System.nanoTime();
            send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id, new ConnectionStateChanged(id, cluster,
                    ConnectionState.PENDING_ACCEPTANCE, null, "vpce-0c", List.of("use1-az1"), now(), TestVersions.next()));
            if (!changed.await(5, TimeUnit.MINUTES)) {
                throw new AssertionError(changed.getCount() + " subscribers never saw the change");
            }
            double reachAllMs = (System.nanoTime() - changeSent) / 1e6;
            System.out.printf("  %,d subscribers: held %,d; opened in %.1f s; one change reached all in %.0f ms"
                            + " (from the Kafka send: includes projection); heap held %.1f MB (%.1f KB each, clients included)%n",
                    subscribers, held, openSeconds, reachAllMs, heapHeld / 1e6, heapHeld / 1e3 / subscribers);
            streams.forEach(Marker::close);
            await().atMost(Duration.ofMinutes(2)).until(() -> subscriptions.subscribers() == 0);
        }
    }

    /** Counts a subscriber's first snapshot and its first PENDING_ACCEPTANCE. */
    private static final class Marker implements Flow.Subscriber<String> {
        private final CountDownLatch initial;
        private final CountDownLatch changed;
        private boolean sawInitial;
        private boolean sawChange;
        private volatile Flow.Subscription subscription;

        Marker(CountDownLatch initial, CountDownLatch changed) {
            this.initial = initial;
            this.changed = changed;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        /** Hangs up, as a browser closing the page would. */
        void close() {
            if (subscription != null) {
                subscription.cancel();
            }
        }

        @Override
        public void onNext(String line) {
            if (!sawInitial && line.startsWith("data:") && line.contains("\"CREATING\"")) {
                sawInitial = true;
                initial.countDown();
            } else if (!sawChange && line.startsWith("data:") && line.contains("PENDING_ACCEPTANCE")) {
                sawChange = true;
                changed.countDown();
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }

    private long readEverything() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.CONNECTION_REQUESTS, Topics.CONNECTION_STATE)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long read = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                read += consumer.poll(Duration.ofMillis(100)).count();
            }
            return read;
        }
    }

    private KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(properties);
    }

    private static ProducerRecord<String, String> record(String topic, String type, String id, Object payload) {
        return CloudEventKafka.toRecord(topic, id, CloudEvent.of(type, "/bench", id, now(), payload));
    }

    private void send(String topic, String type, String id, Object payload) {
        TopicProbe.send(bootstrapServers, record(topic, type, id, payload));
    }

    private static ConnectionRequested requested(String cluster, String id) {
        ClusterPlacement placement = new ClusterPlacement(cluster, "p", CloudProvider.AWS, "us-east-1", "111111111111",
                "vpc-1", List.of("use1-az1"), Map.of("use1-az1", "subnet-1"), "sg-1");
        return new ConnectionRequested(id, cluster, "bench", ConnectionType.AWS_ENDPOINT_SERVICE,
                "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "us-east-1", "bench", now(), placement, TestVersions.next());
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
