package io.dataflow.privatelink.worker.testing;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What the workers' tests do on Kafka, written once: send requests as connection-service would, and read
 * the state events a worker announced, as any consumer would.
 */
public final class WorkerEvents {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private WorkerEvents() {
    }

    public static void send(String bootstrapServers, String topic, String type, String connectionId, Object payload) {
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(topic, connectionId,
                CloudEvent.of(type, "/test/connection-service", connectionId, now(), payload)));
    }

    /** Waits for the worker to announce {@code state} for the connection, and returns that announcement. */
    public static ConnectionStateChanged awaitState(TopicProbe states, String connectionId, ConnectionState state) {
        ConsumerRecord<String, String> record = states.awaitRecord(r -> connectionId.equals(r.key())
                && EventTypes.CONNECTION_STATE_CHANGED.equals(type(r))
                && CloudEventKafka.fromRecord(r).dataAs(ConnectionStateChanged.class).state() == state, WAIT);
        return CloudEventKafka.fromRecord(record).dataAs(ConnectionStateChanged.class);
    }

    public static void awaitDeleted(TopicProbe states, String connectionId) {
        states.awaitRecord(r -> connectionId.equals(r.key()) && EventTypes.CONNECTION_DELETED.equals(type(r)), WAIT);
    }

    /** The states announced for a connection, in order, as far as the topic holds them now. */
    public static List<ConnectionState> statesOf(TopicProbe states, String connectionId) {
        return states.readToEnd().stream()
                .filter(r -> connectionId.equals(r.key()) && EventTypes.CONNECTION_STATE_CHANGED.equals(type(r)))
                .map(r -> CloudEventKafka.fromRecord(r).dataAs(ConnectionStateChanged.class).state())
                .toList();
    }

    public static String type(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader(CloudEventKafka.TYPE).value(), StandardCharsets.UTF_8);
    }

    /** Microseconds, as PostgreSQL keeps them. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
