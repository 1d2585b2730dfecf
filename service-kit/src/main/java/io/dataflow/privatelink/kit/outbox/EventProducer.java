package io.dataflow.privatelink.kit.outbox;

import io.dataflow.privatelink.kit.kafka.KafkaClientSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Properties;

/**
 * The Kafka producer the relay and the dead-letter sender publish with: idempotent with all replicas
 * acknowledging, so that retries inside the client neither duplicate nor reorder a connection's events.
 */
@ApplicationScoped
public class EventProducer {

    private final Properties properties = new Properties();
    private final Duration deliveryTimeout;
    private volatile KafkaProducer<String, String> producer;

    EventProducer(KafkaClientSettings kafka, @ConfigProperty(name = "quarkus.application.name") String clientId,
                  OutboxConfig config) {
        this.deliveryTimeout = config.deliveryTimeout();
        long delivery = deliveryTimeout.toMillis();
        properties.putAll(kafka.forClient());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-outbox");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // One request in flight per broker: when Kafka refuses a batch for a record that is too large, the
        // producer splits it and sends the parts again; with a later batch already in flight, that one
        // would land first (seen: the event after a parked one published before the event before it).
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(10_000, delivery / 2));
        // send() waits this long at most for metadata (the broker away); the relay calls it off the event loop.
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(properties);
    }

    public Producer<String, String> producer() {
        return producer;
    }

    /** How long a send may take before it counts as failed. */
    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    /**
     * Drops the producer and what it still holds, and starts a fresh one: after sends that never
     * completed (Kafka can split an oversized batch again and again), so they stop competing with the next
     * attempt. Their rows are still in the outbox and go again.
     */
    public synchronized void replace() {
        KafkaProducer<String, String> old = producer;
        producer = new KafkaProducer<>(properties);
        old.close(Duration.ZERO);
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
