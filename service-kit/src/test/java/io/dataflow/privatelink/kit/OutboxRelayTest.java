package io.dataflow.privatelink.kit;

import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.SharedInfra;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.db.DatabaseNotifications;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.dataflow.privatelink.kit.outbox.OutboxRelay;
import io.dataflow.privatelink.kit.outbox.OutboxRepository;
import io.dataflow.privatelink.kit.outbox.OutboxWriter;
import io.dataflow.privatelink.kit.testing.Metrics;
import io.dataflow.privatelink.kit.testing.TableLock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "kit_test"))
class OutboxRelayTest {

    /** /q/health/ready on the management interface (not the public port); the value is under its root, /q. */
    @TestHTTPResource(value = "health/ready", management = true)
    java.net.URL ready;

    @TestHTTPResource(value = "health/group/pipeline", management = true)
    java.net.URL pipeline;

    @TestHTTPResource(value = "health/live", management = true)
    java.net.URL live;

    @TestHTTPResource(value = "metrics", management = true)
    java.net.URL metrics;

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "kit.relayed.v1";

    @Inject
    OutboxWriter outbox;

    @Inject
    OutboxRepository outboxTable;

    @Inject
    DatabaseNotifications notifications;

    @Inject
    OutboxRelay relay;

    @Test
    void committedEventsArePublishedInCommitOrderAndARolledBackOneNever() throws Throwable {
        String subject = "plc-" + UUID.randomUUID();
        List<String> committed = new ArrayList<>();
        for (int tx = 0; tx < 10; tx++) {
            List<CloudEvent> events = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                events.add(event(subject, tx * 10 + i));
            }
            inTransaction(() -> appendInOrder(events));
            events.forEach(e -> committed.add(e.id()));
        }
        CloudEvent rolledBack = event(subject, -1);
        assertThrows(IllegalStateException.class, () -> inTransaction(() -> outbox.append(TOPIC, rolledBack, null)
                .chain(() -> Uni.createFrom().failure(new IllegalStateException("rolled back")))));
        CloudEvent last = event(subject, 100);
        inTransaction(() -> outbox.append(TOPIC, last, null));
        committed.add(last.id());

        try (TopicProbe topic = TopicProbe.fromBeginning(SharedInfra.kafka().bootstrapServers(), TOPIC)) {
            List<String> published = topic.awaitRecords(r -> subject.equals(r.key()), committed.size(), WAIT).stream()
                    .map(OutboxRelayTest::id).toList();
            assertEquals(committed, published);
        }
    }

    @Test
    void aCommittedAppendWakesTheRelaysOfOtherInstances() {
        // what another instance's relay listens to; this instance's relay is woken in-process
        AtomicInteger heard = new AtomicInteger();
        notifications.listen(OutboxRepository.APPENDED_CHANNEL, heard::incrementAndGet);
        inTransaction(() -> outbox.append(TOPIC, event("plc-" + UUID.randomUUID(), 0), null));
        await().atMost(WAIT).until(() -> heard.get() >= 1);
    }

    @Test
    void anAppendOutsideATransactionIsRefused() {
        assertThrows(IllegalStateException.class, () -> VertxContextSupport.subscribeAndAwait(() ->
                Panache.withSession(() -> outbox.append(TOPIC, event("plc-x", 0), null))));
    }

    @Test
    void anEventKafkaRefusesForGoodIsParkedWithTheReasonAndTheRestArePublished() throws Throwable {
        String small = "kit.small-messages." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfra.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(small, 1, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "2048")))).all().get();
        }
        String subject = "plc-" + UUID.randomUUID();
        CloudEvent before = event(subject, 1);
        // larger than the producer's max.request.size (1 MiB), so the producer refuses it alone. (One the broker
        // refuses, under a topic's lower max.message.bytes, fails its whole batch, which Kafka splits and sends
        // again, and its neighbours then came out of order in about one run in seven: a known gap, see AGENTS.md.)
        CloudEvent tooLarge = CloudEvent.of("kit.test.v1", "/kit-test", subject, Instant.now(),
                Map.of("data", "x".repeat(1_100_000)));
        CloudEvent after = event(subject, 2);
        long parkedBefore = parked();
        inTransaction(() -> outbox.append(small, before, null).chain(() -> outbox.append(small, tooLarge, null))
                .chain(() -> outbox.append(small, after, null)));

        try (TopicProbe topic = TopicProbe.fromBeginning(SharedInfra.kafka().bootstrapServers(), small)) {
            List<String> published = topic.awaitRecords(r -> subject.equals(r.key()), 2, WAIT).stream()
                    .map(OutboxRelayTest::id).toList();
            assertEquals(List.of(before.id(), after.id()), published);
        }
        await().atMost(WAIT).untilAsserted(() -> assertEquals(parkedBefore + 1, parked()));
        await().atMost(WAIT).untilAsserted(() -> assertEquals((double) (parkedBefore + 1),
                Metrics.scrape(metrics).sum("plc_outbox_parked"), "plc_outbox_parked"));
        when().get(pipeline).then()
                .body("checks.find { it.name == 'outbox relay' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox relay' }.data.parked", equalTo((int) (parkedBefore + 1)))
                .body("checks.find { it.name == 'outbox relay' }.data.lastParkReason",
                        containsString("RecordTooLargeException"));
        inTransaction(() -> outboxTable.delete("eventId", tooLarge.id()).replaceWithVoid());
    }

    @Test
    void aKafkaOutageUnderTheRelayLosesNothingAndTheServiceStaysReadyAndAlive() throws Throwable {
        String subject = "plc-" + UUID.randomUUID();
        List<String> committed = new ArrayList<>();
        SharedInfra.stopKafka();
        try {
            for (int i = 0; i < 20; i++) {
                CloudEvent event = event(subject, i);
                inTransaction(() -> outbox.append(TOPIC, event, null));
                committed.add(event.id());
            }
            await().atMost(WAIT).untilAsserted(() -> when().get(pipeline).then().statusCode(503)
                    .body("checks.find { it.name == 'outbox relay' }.status", equalTo("DOWN")));
            // what waits shows as metrics: at least these 20 rows, the oldest of them waiting for a while
            await().atMost(WAIT).untilAsserted(() -> {
                Metrics page = Metrics.scrape(metrics);
                assertTrue(page.sum("plc_outbox_backlog") >= committed.size(), "backlog");
                assertTrue(page.sum("plc_outbox_oldest_age_seconds") > 0, "oldest row's age");
            });
            // the outbox accepts writes while Kafka is away: the service stays in the load balancer, and
            // failing attempts are not a hang (the relay's turns end and retry)
            when().get(ready).then().statusCode(200);
            when().get(live).then().statusCode(200);
        } finally {
            SharedInfra.startKafkaAgain();
        }
        try (TopicProbe topic = TopicProbe.fromBeginning(SharedInfra.kafka().bootstrapServers(), TOPIC)) {
            List<String> published = topic.awaitRecords(r -> subject.equals(r.key()), committed.size(), WAIT).stream()
                    .map(OutboxRelayTest::id).toList();
            assertEquals(Set.copyOf(committed), new HashSet<>(published), "every committed event, none other");
            assertEquals(committed, published.stream().distinct().toList(), "in commit order");
        }
        await().atMost(WAIT).untilAsserted(() -> when().get(pipeline).then()
                .body("checks.find { it.name == 'outbox relay' }.status", equalTo("UP")));
        await().atMost(WAIT).untilAsserted(() -> assertEquals(0.0, Metrics.scrape(metrics).sum("plc_outbox_backlog"),
                "the backlog drained"));
    }

    @Test
    void aRelayHungInOneAttemptFailsLivenessUntilItMovesAgain() throws Throwable {
        String subject = "plc-" + UUID.randomUUID();
        CloudEvent event = event(subject, 0);
        try (TableLock hang = TableLock.exclusive("outbox_event")) {
            relay.wakeUp(); // its next attempt reads the outbox and waits behind the lock
            await().atMost(WAIT).untilAsserted(() -> when().get(live).then().statusCode(503)
                    .body("checks.find { it.name == 'loops' }.data.'outbox-relay'",
                            containsString("one turn running since")));
            when().get(ready).then().statusCode(200);
        }
        await().atMost(WAIT).untilAsserted(() -> when().get(live).then().statusCode(200));
        inTransaction(() -> outbox.append(TOPIC, event, null));
        try (TopicProbe topic = TopicProbe.fromBeginning(SharedInfra.kafka().bootstrapServers(), TOPIC)) {
            assertEquals(1, topic.awaitRecords(r -> subject.equals(r.key()), 1, WAIT).size());
        }
    }

    @Test
    void aDatabaseCrashUnderTheRelayLosesNoCommittedEvent() throws Throwable {
        String subject = "plc-" + UUID.randomUUID();
        List<String> committed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CloudEvent event = event(subject, i);
            inTransaction(() -> outbox.append(TOPIC, event, null));
            committed.add(event.id());
        }
        SharedInfra.killPostgres();
        SharedInfra.startPostgresAgain();
        for (int i = 20; i < 40; i++) {
            CloudEvent event = event(subject, i);
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                inTransaction(() -> outbox.append(TOPIC, event, null));
                return true;
            });
            committed.add(event.id());
        }
        try (TopicProbe topic = TopicProbe.fromBeginning(SharedInfra.kafka().bootstrapServers(), TOPIC)) {
            List<String> published = topic.awaitRecords(r -> subject.equals(r.key()), committed.size(), WAIT).stream()
                    .map(OutboxRelayTest::id).distinct().toList();
            assertEquals(committed, published, "every committed event, once each after dedupe, in order");
        }
    }

    private Uni<Void> appendInOrder(List<CloudEvent> events) {
        return outbox.appendAll(events.stream().map(e -> new OutboxRepository.Outgoing(TOPIC, e, null)).toList());
    }

    private long parked() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> outboxTable.countParked()));
    }

    private static void inTransaction(java.util.function.Supplier<Uni<Void>> work) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static CloudEvent event(String subject, int n) {
        return CloudEvent.of("kit.test.v1", "/kit-test", subject, Instant.now(), Map.of("n", n));
    }

    private static String id(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader(CloudEventKafka.ID).value(), StandardCharsets.UTF_8);
    }
}
