package io.dataflow.privatelink.deploy.ops;

import io.dataflow.privatelink.infra.SharedInfra;
import io.dataflow.privatelink.infra.TopicProbe;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DeadLetterReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void sendsEachDeadLetterBackToItsTopicAsItWasAndOnlyOnce() throws Exception {
        String source = "replay.source." + UUID.randomUUID();
        String dlq = source + ".some-service.dlq";
        String bootstrap = SharedInfra.kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(source, 1, (short) 1), new NewTopic(dlq, 2, (short) 1))).all().get();
        }
        for (int i = 0; i < 3; i++) {
            TopicProbe.send(bootstrap, letter(dlq, source, "plc-" + i, "{\"n\":" + i + "}", "event-" + i));
        }

        DeadLetterReplay.Result dry = DeadLetterReplay.replay(bootstrap, dlq, true, WAIT);
        assertEquals(Map.of(source, 3), dry.replayed());
        DeadLetterReplay.Result first = DeadLetterReplay.replay(bootstrap, dlq, false, WAIT);
        assertEquals(Map.of(source, 3), first.replayed(), "a dry run changes nothing");

        try (TopicProbe back = TopicProbe.fromBeginning(bootstrap, source)) {
            List<ConsumerRecord<String, String>> records = back.awaitRecords(r -> true, 3, WAIT);
            for (ConsumerRecord<String, String> record : records) {
                String n = record.key().substring(4);
                assertEquals("{\"n\":" + n + "}", record.value());
                assertEquals("event-" + n, header(record, "ce_id"), "the CloudEvents headers as they were");
                assertNull(record.headers().lastHeader("dead-letter-reason"), "without the dead-letter headers");
                assertNull(record.headers().lastHeader("dead-letter-topic"));
            }
        }

        // Resumable: only what was dead-lettered since goes on the next run.
        TopicProbe.send(bootstrap, letter(dlq, source, "plc-3", "{\"n\":3}", "event-3"));
        assertEquals(Map.of(source, 1), DeadLetterReplay.replay(bootstrap, dlq, false, WAIT).replayed());
        assertEquals(Map.of(), DeadLetterReplay.replay(bootstrap, dlq, false, WAIT).replayed());
        try (TopicProbe back = TopicProbe.fromBeginning(bootstrap, source)) {
            back.awaitRecords(r -> true, 4, WAIT);
            assertEquals(4, back.readToEnd().size());
        }
    }

    private static ProducerRecord<String, String> letter(String dlq, String source, String key, String value,
                                                         String eventId) {
        ProducerRecord<String, String> record = new ProducerRecord<>(dlq, key, value);
        record.headers().add("ce_id", eventId.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", "io.dataflow.privatelink.test.v1".getBytes(StandardCharsets.UTF_8));
        record.headers().add("dead-letter-reason", "cannot apply".getBytes(StandardCharsets.UTF_8));
        record.headers().add("dead-letter-topic", source.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
