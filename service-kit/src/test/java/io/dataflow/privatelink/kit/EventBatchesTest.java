package io.dataflow.privatelink.kit;

import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.SharedInfra;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.messaging.DeadLetters;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.dataflow.privatelink.kit.testapp.TestConsumer;
import io.dataflow.privatelink.kit.testing.Metrics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "kit_test"))
class EventBatchesTest {

    /** /q/health/ready on the management interface (not the public port); the value is under its root, /q. */
    @TestHTTPResource(value = "health/ready", management = true)
    java.net.URL ready;

    @TestHTTPResource(value = "metrics", management = true)
    java.net.URL metrics;

    /** The pipeline's health group: the consumers' progress, apart from readiness. */
    @TestHTTPResource(value = "health/group/pipeline", management = true)
    java.net.URL pipeline;

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DLQ = DeadLetters.topicFor(KitEvents.TOPIC, TestConsumer.CONSUMER);

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        String connection = "plc-" + UUID.randomUUID();
        CloudEvent event = KitEvents.requested(connection, "twice");
        KitEvents.send(event);
        KitEvents.send(event);
        KitEvents.send(KitEvents.requested(connection, "other"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(2, applied(connection)));
        // A later event goes through as well, so the duplicate has had its chance to be applied.
        KitEvents.send(KitEvents.requested(connection, "last"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(3, applied(connection)));
    }

    @Test
    void onlyRecordsThatCanNeverBeProcessedAreDeadLetteredEachWithItsReason() {
        String connection = "plc-" + UUID.randomUUID();
        CloudEvent good = KitEvents.requested(connection, "good");
        ProducerRecord<String, String> noId = CloudEventKafka.toRecord(KitEvents.TOPIC, connection,
                KitEvents.requested(connection, "no id"));
        noId.headers().remove(CloudEventKafka.ID);
        CloudEvent incomplete = KitEvents.requested(connection, "incomplete");
        incomplete = new CloudEvent(incomplete.id(), incomplete.type(), incomplete.source(), incomplete.subject(),
                incomplete.time(), incomplete.data().replace("\"displayName\":\"incomplete\",", ""));
        CloudEvent poison = KitEvents.requested(connection, TestConsumer.POISON);
        CloudEvent alsoGood = KitEvents.requested(connection, "also good");

        double lettersBefore = deadLetters();
        double malformedBefore = deadLetters("MalformedEventException");
        KitEvents.send(good);
        KitEvents.send(noId);
        KitEvents.send(incomplete);
        KitEvents.send(poison);
        KitEvents.send(alsoGood);

        await().atMost(WAIT).untilAsserted(() -> assertEquals(2, applied(connection)));
        try (TopicProbe dlq = TopicProbe.fromBeginning(SharedInfra.kafka().bootstrapServers(), DLQ)) {
            List<ConsumerRecord<String, String>> letters = dlq.awaitRecords(r -> connection.equals(r.key()), 3, WAIT);
            assertEquals(3, letters.size(), "dead letters");
            assertTrue(reason(letters.get(0)).contains("ce_id"), reason(letters.get(0)));
            assertTrue(reason(letters.get(1)).contains("displayName"), reason(letters.get(1)));
            assertTrue(reason(letters.get(2)).contains("cannot apply"), reason(letters.get(2)));
            for (ConsumerRecord<String, String> letter : letters) {
                assertEquals(KitEvents.TOPIC, header(letter, DeadLetters.TOPIC));
            }
            assertEquals(poison.id(), header(letters.get(2), CloudEventKafka.ID), "the record as it was");
            dlq.readToEnd();
            assertEquals(3, dlq.seen().stream().filter(r -> connection.equals(r.key())).count(),
                    "the good events were not dead-lettered");
        }
        assertEquals(lettersBefore + 3, deadLetters(), "plc_dead_letters_total counts each");
        assertEquals(malformedBefore + 2, deadLetters("MalformedEventException"), "by reason: the two undecodable");
        // beside the service's own series, the Kafka clients' (a consumer's lag) and the JVM's
        Metrics page = Metrics.scrape(metrics);
        assertTrue(page.has("kafka_consumer_fetch_manager_records_lag_max"), "consumer lag");
        assertTrue(page.has("jvm_memory_used_bytes"), "JVM");
    }

    @Test
    void aDeadLetterIsLoggedWithTheEventTheConnectionAndTheTraceItIsAbout() {
        String connection = "plc-" + UUID.randomUUID();
        String trace = UUID.randomUUID().toString().replace("-", "");
        CloudEvent poison = KitEvents.requested(connection, TestConsumer.POISON);
        ProducerRecord<String, String> record = CloudEventKafka.toRecord(KitEvents.TOPIC, connection, poison);
        record.headers().add("traceparent", ("00-" + trace + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
        List<org.jboss.logmanager.ExtLogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord line) {
                org.jboss.logmanager.ExtLogRecord ext = (org.jboss.logmanager.ExtLogRecord) line;
                ext.copyMdc(); // the context of the thread that logged, as a formatter reads it
                logged.add(ext);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(DeadLetters.class.getName());
        logger.addHandler(capture);
        try {
            KitEvents.send(record);
            org.jboss.logmanager.ExtLogRecord line = await().atMost(WAIT).until(() -> logged.stream()
                            .filter(l -> poison.id().equals(l.getMdc("eventId"))).findFirst(),
                    java.util.Optional::isPresent).orElseThrow();
            assertEquals(connection, line.getMdc("connectionId"));
            assertEquals(trace, line.getMdc("traceId"));
        } finally {
            logger.removeHandler(capture);
        }
    }

    private double deadLetters(String... reason) {
        Metrics page = Metrics.scrape(metrics);
        return reason.length == 0
                ? page.sum("plc_dead_letters_total", "topic", KitEvents.TOPIC, "consumer", TestConsumer.CONSUMER)
                : page.sum("plc_dead_letters_total", "topic", KitEvents.TOPIC, "consumer", TestConsumer.CONSUMER,
                "reason", reason[0]);
    }

    @Test
    void aDatabaseOutageIsWaitedOutNothingIsLostOrDeadLetteredAndReadinessComesBack() {
        String connection = "plc-" + UUID.randomUUID();
        KitEvents.send(KitEvents.requested(connection, "before"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(1, applied(connection)));

        SharedInfra.killPostgres();
        try {
            for (int i = 0; i < 30; i++) {
                KitEvents.send(KitEvents.requested(connection, "during " + i));
            }
            // not ready: the database is away; the consumers' stall shows in the pipeline group
            await().atMost(WAIT).untilAsserted(() -> when().get(ready).then().statusCode(503));
            await().atMost(WAIT).untilAsserted(() -> when().get(pipeline).then().statusCode(503)
                    .body("checks.find { it.name == 'event consumers' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'event consumers' }.data." + TestConsumer.CONSUMER,
                            containsString("retrying since")));
        } finally {
            SharedInfra.startPostgresAgain();
        }

        await().atMost(WAIT).untilAsserted(() -> assertEquals(31, applied(connection)));
        await().atMost(WAIT).untilAsserted(() -> when().get(ready).then().statusCode(200));
        await().atMost(WAIT).untilAsserted(() -> when().get(pipeline).then().statusCode(200));
        try (TopicProbe dlq = TopicProbe.fromBeginning(SharedInfra.kafka().bootstrapServers(), DLQ)) {
            assertEquals(0, dlq.readToEnd().stream().filter(r -> connection.equals(r.key())).count(),
                    "nothing was dead-lettered for a transient failure");
        }
    }

    private static long applied(String connection) {
        return given().get("/kit/applied/" + connection).then().statusCode(200).extract().jsonPath().getLong("applied");
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return header(record, DeadLetters.REASON);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
