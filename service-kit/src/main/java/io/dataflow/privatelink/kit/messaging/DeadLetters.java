package io.dataflow.privatelink.kit.messaging;

import io.dataflow.privatelink.kit.logging.LogContext;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.dataflow.privatelink.kit.outbox.EventProducer;
import io.dataflow.privatelink.kit.tracing.EventTracing;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Sets aside a record that can never be processed (it cannot be decoded, or breaks the event contract),
 * on {@code <topic>.<consumer>.dlq}: the record as it was (key, value, headers) plus where it came from
 * and why, in SmallRye's dead-letter headers. {@code deploy/replay-dead-letters} sends such records back
 * to their topic once the cause is fixed.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final EventProducer producer;
    private final io.micrometer.core.instrument.MeterRegistry registry;

    DeadLetters(EventProducer producer, io.micrometer.core.instrument.MeterRegistry registry) {
        this.producer = producer;
        this.registry = registry;
    }

    /** The dead-letter topic of a source topic for one consumer. */
    public static String topicFor(String sourceTopic, String consumer) {
        return sourceTopic + "." + consumer + ".dlq";
    }

    /** Sends the record to its dead-letter topic; completes once Kafka has acknowledged it. */
    public Uni<Void> send(String consumer, ConsumerRecord<String, String> record, Throwable reason) {
        String target = topicFor(record.topic(), consumer);
        ProducerRecord<String, String> letter = new ProducerRecord<>(target, record.key(), record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dead-letter-")) {
                letter.headers().add(header);
            }
        }
        put(letter, REASON, String.valueOf(reason.getMessage()));
        put(letter, CAUSE, reason.getClass().getName());
        put(letter, TOPIC, record.topic());
        put(letter, PARTITION, Integer.toString(record.partition()));
        put(letter, OFFSET, Long.toString(record.offset()));
        Map<String, String> about = new HashMap<>();
        about.put(LogContext.CONNECTION_ID, record.key());
        about.put(LogContext.EVENT_ID, header(record, CloudEventKafka.ID));
        about.put(LogContext.TRACE_ID, EventTracing.traceIdOf(header(record, EventTracing.TRACEPARENT)));
        LogContext.with(about, () -> {
            LOG.errorf("Dead-lettered %s-%d@%d to %s: %s", record.topic(), record.partition(), record.offset(),
                    target, reason.getMessage());
            return null;
        });
        Context context = Vertx.currentContext();
        return Uni.createFrom().completionStage(() -> context.<CompletableFuture<Void>>executeBlocking(() -> {
                    CompletableFuture<Void> ack = new CompletableFuture<>();
                    // Kafka's answer reaches ack through the callback; the returned Future carries the same outcome
                    Future<RecordMetadata> unused = producer.producer().send(letter, (metadata, failure) -> {
                        if (failure == null) {
                            ack.complete(null);
                        } else {
                            ack.completeExceptionally(failure);
                        }
                    });
                    return ack;
                }, false).toCompletionStage())
                .chain(ack -> Uni.createFrom().completionStage(ack))
                // counted once Kafka has it; reason: the failure's class, a bounded set (the message is in the
                // record's headers and the log)
                .invoke(() -> registry.counter("plc.dead.letters", "topic", record.topic(), "consumer", consumer,
                        "reason", reason.getClass().getSimpleName()).increment())
                .emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
