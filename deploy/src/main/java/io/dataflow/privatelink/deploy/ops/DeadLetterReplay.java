package io.dataflow.privatelink.deploy.ops;

import io.dataflow.privatelink.contract.event.KafkaConnectionSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Future;

/**
 * Sends the records of a dead-letter topic back to the topics they came from, once the cause is fixed
 * ({@code deploy/ops/replay-dead-letters}). Each record goes back as it was (key, value, CloudEvents
 * headers), without the {@code dead-letter-*} headers; its consumer then processes it anew (a record that
 * still fails lands in the dead-letter topic again, with the reason). Replaying is at least once and
 * resumable: the dead-letter topic is read under the consumer group {@code <dead-letter topic>.replay},
 * which commits only after Kafka acknowledged what was sent back, so a second run sends only what came
 * since; the services deduplicate by event id.
 */
public final class DeadLetterReplay {

    static final String SOURCE_TOPIC_HEADER = "dead-letter-topic";

    /** What one run did: records sent back per source topic (or that would be, in a dry run). */
    public record Result(Map<String, Integer> replayed, boolean dryRun) {
        int total() {
            return replayed.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private DeadLetterReplay() {
    }

    public static void main(String[] args) {
        String bootstrap = null;
        String topic = null;
        Path clientConfig = null;
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap-servers" -> bootstrap = args[++i];
                case "--client-config" -> clientConfig = Path.of(args[++i]);
                case "--topic" -> topic = args[++i];
                case "--dry-run" -> dryRun = true;
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> usage("unknown option " + args[i]);
            }
        }
        if (bootstrap == null || topic == null) {
            usage("--bootstrap-servers and --topic are required");
        }
        if (!topic.endsWith(".dlq")) {
            usage(topic + " is not a dead-letter topic (their names end in .dlq)");
        }
        Properties connection = new Properties();
        if (clientConfig != null) {
            try (java.io.Reader in = java.nio.file.Files.newBufferedReader(clientConfig)) {
                connection.load(in);
            } catch (java.io.IOException e) {
                usage("cannot read --client-config " + clientConfig + ": " + e.getMessage());
            }
        }
        connection.put("bootstrap.servers", bootstrap);
        Result result = replay(connection, topic, dryRun, Duration.ofSeconds(30));
        String verb = result.dryRun() ? "Would send" : "Sent";
        result.replayed().forEach((source, count) -> System.out.printf("%s %d record(s) back to %s%n", verb, count,
                source));
        System.out.printf("%s %d record(s) of %s in all%n", verb, result.total(), topic);
    }

    static final String USAGE = """
            Usage: deploy/ops/replay-dead-letters --topic <topic>.<consumer>.dlq [--bootstrap-servers host:port]
                     [--client-config FILE] [--dry-run]
              Sends each record of the dead-letter topic back to the topic it came from (header dead-letter-topic),
              as it was, once the cause is fixed. Resumable: a second run sends only records dead-lettered since.
              --client-config  a Kafka client properties file (security.protocol, sasl.*, ssl.*), as Kafka's own
                               tools take with --command-config: a cluster with TLS or SASL
              --dry-run counts what would be sent and changes nothing.
            """;

    private static Map<String, Object> toMap(Properties properties) {
        Map<String, Object> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    private static void usage(String problem) {
        System.err.println("replay-dead-letters: " + problem);
        System.err.print(USAGE);
        System.exit(2);
    }

    /** As {@link #replay(Properties, String, boolean, Duration)} on a plaintext cluster. */
    public static Result replay(String bootstrapServers, String deadLetterTopic, boolean dryRun, Duration timeout) {
        Properties connection = new Properties();
        connection.put("bootstrap.servers", bootstrapServers);
        return replay(connection, deadLetterTopic, dryRun, timeout);
    }

    /**
     * Replays everything the topic holds now (up to its end when the run starts), connecting with
     * {@code connection}'s servers, TLS and SASL settings ({@link KafkaConnectionSettings}).
     */
    public static Result replay(Properties connection, String deadLetterTopic, boolean dryRun, Duration timeout) {
        Map<String, Object> reach = KafkaConnectionSettings.of(toMap(connection));
        Properties consumerProps = new Properties();
        consumerProps.putAll(reach);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, deadLetterTopic + ".replay");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Properties producerProps = new Properties();
        producerProps.putAll(reach);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        Map<String, Integer> replayed = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps);
             KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, timeout).stream()
                    .map(p -> new TopicPartition(deadLetterTopic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            consumer.committed(java.util.Set.copyOf(partitions), timeout).forEach((partition, offset) -> {
                if (offset != null) {
                    consumer.seek(partition, offset.offset());
                } else {
                    consumer.seekToBeginning(List.of(partition));
                }
            });
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + deadLetterTopic + " to its end within " + timeout);
                }
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                for (ConsumerRecord<String, String> letter : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(letter.topic(), letter.partition());
                    if (letter.offset() >= end.get(partition)) {
                        continue; // dead-lettered after this run began: the next run takes it
                    }
                    String source = header(letter, SOURCE_TOPIC_HEADER);
                    if (source == null) {
                        throw new IllegalStateException(letter.topic() + "-" + letter.partition() + "@" + letter.offset()
                                + " has no " + SOURCE_TOPIC_HEADER + " header: not a dead letter of these services");
                    }
                    replayed.merge(source, 1, Integer::sum);
                    if (!dryRun) {
                        ProducerRecord<String, String> back = new ProducerRecord<>(source, letter.key(), letter.value());
                        for (Header header : letter.headers()) {
                            if (!header.key().startsWith("dead-letter-")) {
                                back.headers().add(header);
                            }
                        }
                        acks.add(producer.send(back));
                    }
                    committed.put(partition, new OffsetAndMetadata(letter.offset() + 1));
                }
                producer.flush();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get();
                }
                if (!dryRun && !committed.isEmpty()) {
                    consumer.commitSync(committed, timeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Kafka refused a replayed record: " + e.getCause(), e.getCause());
        }
        return new Result(replayed, dryRun);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
