package io.dataflow.privatelink.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.connectivity.CheckKind;
import io.dataflow.privatelink.contract.connectivity.ConnectivityCheck;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTestIds;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.ConnectivityTestCompleted;
import io.dataflow.privatelink.contract.event.ConnectivityTestRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.dataflow.privatelink.kit.testing.Metrics;
import io.dataflow.privatelink.kit.testing.RecordedSpans;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Status subscriptions over Server-Sent Events, read as a browser's EventSource would. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "domain_service"))
@QuarkusTestResource(DomainServiceTokens.class)
class StatusSubscriptionTest {

    @io.quarkus.test.common.http.TestHTTPResource(value = "metrics", management = true)
    java.net.URL metrics;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<ConnectionState> LIFECYCLE = List.of(ConnectionState.CREATING,
            ConnectionState.PENDING_ACCEPTANCE, ConnectionState.ACTIVE);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @jakarta.inject.Inject
    io.dataflow.privatelink.domain.service.HistoryRetention retention;

    @org.junit.jupiter.api.BeforeAll
    static void validateResponsesAgainstTheContract() {
        ContractValidation.install();
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void oneConnectionsStreamStartsWithItsCurrentSnapshotAndFollowsEachChangeUntilDeleted() throws Exception {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        request(cluster, id);
        awaitVisible(cluster, id);

        try (SseClient stream = SseClient.open(watch(cluster, id), null)) {
            SseClient.Event first = stream.next(WAIT);
            assertEquals("snapshot", first.name());
            assertEquals("CREATING", JSON.readTree(first.data()).path("state").asText());

            change(cluster, id, ConnectionState.PENDING_ACCEPTANCE);
            JsonNode pending = JSON.readTree(stream.next(WAIT).data());
            assertEquals("PENDING_ACCEPTANCE", pending.path("state").asText());
            assertEquals("vpce-" + id.substring(4, 12), pending.path("awsEndpointService").path("endpointId").asText());

            send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_DELETED, id, new ConnectionDeleted(id, cluster, now(), TestVersions.next()));
            SseClient.Event deleted = stream.next(WAIT);
            assertEquals("deleted", deleted.name());
            assertEquals(id, JSON.readTree(deleted.data()).path("privateLinkConnectionId").asText());
            assertTrue(Long.parseLong(deleted.id()) > Long.parseLong(first.id()));
        }
    }

    @Test
    void aConnectivityTestIsPushedWithItsConnectionRunningThenDone() throws Exception {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        request(cluster, id);
        awaitVisible(cluster, id);

        try (SseClient stream = SseClient.open(watch(cluster, id), null)) {
            assertTrue(JSON.readTree(stream.next(WAIT).data()).path("connectivityTest").isMissingNode(), "none yet");
            ConnectivityTestRequested asked = new ConnectivityTestRequested(id, cluster,
                    ConnectionType.AWS_ENDPOINT_SERVICE, ConnectivityTestIds.newId(), List.of(), 9092, false, "alice",
                    now(), TestVersions.next());
            send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTIVITY_TEST_REQUESTED, id, asked);
            JsonNode running = JSON.readTree(stream.next(WAIT).data()).path("connectivityTest");
            assertEquals(asked.testId(), running.path("testId").asText());
            assertEquals("RUNNING", running.path("state").asText());

            send(Topics.CONNECTION_STATE, EventTypes.CONNECTIVITY_TEST_COMPLETED, id, new ConnectivityTestCompleted(id,
                    cluster, asked.running().completed(List.of(ConnectivityCheck.pass(CheckKind.TCP_CONNECT,
                            "orders.example:9092", "use1-az1", "connected in 2 ms")), now()), asked.version()));
            JsonNode done = JSON.readTree(stream.next(WAIT).data()).path("connectivityTest");
            assertEquals("PASSED", done.path("state").asText());
            assertEquals("TCP_CONNECT", done.path("checks").path(0).path("check").asText());
        }
    }

    @Test
    void aChangeIsPushedToTheOpenStreamsInTheTraceOfTheEventThatMadeIt() throws Exception {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        String trace = UUID.randomUUID().toString().replace("-", "");
        request(cluster, id);
        awaitVisible(cluster, id);

        try (SseClient stream = SseClient.open(watch(cluster, id), null)) {
            assertEquals("snapshot", stream.next(WAIT).name());
            org.apache.kafka.clients.producer.ProducerRecord<String, String> record = CloudEventKafka.toRecord(
                    Topics.CONNECTION_STATE, id, CloudEvent.of(EventTypes.CONNECTION_STATE_CHANGED, "/test", id, now(),
                            new ConnectionStateChanged(id, cluster, ConnectionState.ACTIVE, null, "vpce-1",
                                    List.of("use1-az1"), now(), TestVersions.next())));
            record.headers().add("traceparent", RecordedSpans.callerTraceParent(trace, "00f067aa0ba902b7")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            TopicProbe.send(bootstrapServers, record);
            assertEquals("ACTIVE", JSON.readTree(stream.next(WAIT).data()).path("state").asText());
        }
        SpanData projected = RecordedSpans.await(trace, SpanKind.CONSUMER, ("process " + Topics.CONNECTION_STATE)::equals,
                WAIT);
        SpanData pushed = RecordedSpans.await(trace, SpanKind.INTERNAL, "push status"::equals, WAIT);
        assertEquals("00f067aa0ba902b7", projected.getParentSpanId(), "the projection continues the event's trace");
        assertEquals(projected.getSpanId(), pushed.getParentSpanId(), "the push is the projection's child");
    }

    @Test
    void aSubscriberThatDropsDuringABurstSeesEveryTransitionExactlyOnceAfterReconnecting() throws Exception {
        String cluster = "c-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(ConnectionIds.newId());
        }
        Map<String, List<String>> seen = new HashMap<>();
        String lastId;
        try (SseClient stream = SseClient.open(watch(cluster, null), null)) {
            for (String id : ids) {
                request(cluster, id);
            }
            // Take part of the burst, then drop while the rest is still being produced. (Each request is
            // projected before its state change is sent: the two topics are not ordered with each other.)
            for (int i = 0; i < 10; i++) {
                record(seen, stream.next(WAIT));
            }
            ids.forEach(id -> awaitVisible(cluster, id));
            for (String id : ids) {
                change(cluster, id, ConnectionState.PENDING_ACCEPTANCE);
            }
            lastId = lastRecordedId(seen, stream);
        }
        for (String id : ids) {
            change(cluster, id, ConnectionState.ACTIVE);
        }

        try (SseClient stream = SseClient.open(watch(cluster, null), lastId)) {
            while (!seen.values().stream().allMatch(states -> states.size() >= LIFECYCLE.size())
                    || seen.size() < ids.size()) {
                SseClient.Event event = stream.next(WAIT);
                assertNotNull(event, "stream went quiet; seen so far: " + seen);
                record(seen, event);
            }
        }
        List<String> expected = LIFECYCLE.stream().map(Enum::name).toList();
        for (String id : ids) {
            assertEquals(expected, seen.get(id), "transitions of " + id);
        }
    }

    @Test
    void idleStreamsCarryHeartbeatsAndBadRequestsGetTheErrorBody() throws Exception {
        String cluster = "c-" + UUID.randomUUID();
        try (SseClient stream = SseClient.open(watch(cluster, null), null)) {
            assertEquals("heartbeat", stream.nextComment(Duration.ofSeconds(10)));
        }
        given().urlEncodingEnabled(false).header("Last-Event-ID", "yesterday")
                .get("/v1beta1/clusters/" + cluster + "/privateLinkConnections:watch")
                .then().statusCode(400).body("code", equalTo(3)).body("message", containsString("Last-Event-ID"));
        given().urlEncodingEnabled(false)
                .get("/v1beta1/clusters/" + cluster + "/privateLinkConnections/plc-unknown:watch")
                .then().statusCode(404).body("code", equalTo(5));
    }

    @Test
    void aStreamOpenedAfterTheRetentionStillStartsWithEveryLiveConnectionAndAnOldResumePointGetsThemToo()
            throws Throwable {
        String cluster = "c-" + UUID.randomUUID();
        String live = ConnectionIds.newId();
        String gone = ConnectionIds.newId();
        request(cluster, live);
        request(cluster, gone);
        awaitVisible(cluster, live);
        awaitVisible(cluster, gone);
        change(cluster, live, ConnectionState.ACTIVE);
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_DELETED, gone, new ConnectionDeleted(gone, cluster, now(),
                TestVersions.next()));
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            given().get("/v1beta1/clusters/" + cluster + "/privateLinkConnections/" + live).then()
                    .body("state", equalTo("ACTIVE"));
            given().get("/v1beta1/clusters/" + cluster + "/privateLinkConnections/" + gone).then().statusCode(404);
        });
        long oldPoint = io.dataflow.privatelink.kit.testing.Sql.count(
                "SELECT min(seq) FROM connection_change WHERE cluster_id = ?1", cluster);

        // A retention that has passed for every change there is: the change log is emptied.
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> retention.purgeBefore(now().plusSeconds(1)));
        assertEquals(0, io.dataflow.privatelink.kit.testing.Sql.count(
                "SELECT count(*) FROM connection_change WHERE cluster_id = ?1", cluster));

        for (String resumeFrom : new String[] {null, String.valueOf(oldPoint)}) {
            try (SseClient stream = SseClient.open(watch(cluster, null), resumeFrom)) {
                SseClient.Event first = stream.next(WAIT);
                assertNotNull(first, "a stream resuming from " + resumeFrom + " starts with the live connection");
                assertEquals("snapshot", first.name());
                assertEquals(live, JSON.readTree(first.data()).path("privateLinkConnectionId").asText());
                assertEquals("ACTIVE", JSON.readTree(first.data()).path("state").asText());
                assertEquals(null, stream.next(Duration.ofSeconds(2)), "nothing about the deleted one");
            }
        }
    }

    @Test
    void aSubscriberThatStopsReadingIsEndedWithTheIdToResumeFromAndLosesNothingByResuming() throws Exception {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        // Large snapshots, so that the socket buffers fill quickly (larger than the API's limit on names:
        // this connection is looked at in the database, not through the contract-checked queries).
        ClusterPlacement placement = new ClusterPlacement(cluster, "p", CloudProvider.AWS, "us-east-1",
                "111111111111", "vpc-1", List.of("use1-az1"), Map.of("use1-az1", "subnet-1"), "sg-1");
        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, new ConnectionRequested(id, cluster,
                "x".repeat(20_000), ConnectionType.AWS_ENDPOINT_SERVICE,
                "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "us-east-1", "alice", now(), placement,
                TestVersions.next()));
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> io.dataflow.privatelink.kit.testing.Sql.count(
                "SELECT count(*) FROM connection_view WHERE connection_id = ?1 AND display_name IS NOT NULL", id) == 1);

        double closedBefore = Metrics.scrape(metrics).sum("plc_status_slow_subscribers_closed_total");
        try (SlowSseReader reader = SlowSseReader.open(watch(cluster, id))) {
            org.awaitility.Awaitility.await().atMost(WAIT).until(() ->
                    Metrics.scrape(metrics).sum("plc_status_subscribers") >= 1);
            // The subscriber reads nothing more while 400 changes (8 MB) are published.
            for (int i = 0; i < 400; i++) {
                change(cluster, id, i % 2 == 0 ? ConnectionState.PENDING_ACCEPTANCE : ConnectionState.ACTIVE);
            }
            String lastState = (399 % 2 == 0 ? ConnectionState.PENDING_ACCEPTANCE : ConnectionState.ACTIVE).name();
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> lastState.equals(
                    io.dataflow.privatelink.kit.testing.Sql.text(
                            "SELECT state FROM connection_view WHERE connection_id = ?1", id)));
            // Now it reads what is there: the stream ended with a resync naming the last id it got.
            List<SseClient.Event> events = reader.readToEnd(WAIT);
            SseClient.Event resync = events.get(events.size() - 1);
            assertEquals("resync", resync.name(), "the stream ends with a resync");
            List<SseClient.Event> snapshots = events.stream().filter(e -> "snapshot".equals(e.name())).toList();
            assertTrue(snapshots.size() < 400, "a slow subscriber is not sent everything: " + snapshots.size());
            String resumeFrom = JSON.readTree(resync.data()).path("lastEventId").asText();
            assertEquals(snapshots.get(snapshots.size() - 1).id(), resumeFrom);
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> Metrics.scrape(metrics)
                    .sum("plc_status_slow_subscribers_closed_total") == closedBefore + 1);

            // Resuming from there gives the rest, up to the latest state.
            try (SseClient stream = SseClient.open(watch(cluster, id), resumeFrom)) {
                String state = null;
                int rest = 0;
                while (!lastState.equals(state) || rest + snapshots.size() < 401) {
                    SseClient.Event event = stream.next(WAIT);
                    assertNotNull(event, "the rest after " + resumeFrom);
                    state = JSON.readTree(event.data()).path("state").asText();
                    rest++;
                }
                assertEquals(401, rest + snapshots.size(), "the request's snapshot and each change, once");
            }
        }
    }

    @jakarta.inject.Inject
    io.dataflow.privatelink.domain.service.StatusSubscriptions subscriptions;

    /**
     * A resume from far back gets the history in pages of plc.subscriptions.replay-page (10 here), each read
     * only when the subscriber has taken the one before, then the live changes: the whole history is never
     * held at once.
     */
    @Test
    void aResumeReadsHistoryPageByPageAsTheSubscriberTakesItThenGoesLive() throws Throwable {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        request(cluster, id);
        awaitVisible(cluster, id);
        long resumeFrom = inSession(() -> changeLog.lastSeq());
        for (int i = 0; i < 35; i++) {
            change(cluster, id, i % 2 == 0 ? ConnectionState.PENDING_ACCEPTANCE : ConnectionState.ACTIVE);
        }
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> io.dataflow.privatelink.kit.testing.Sql.count(
                "SELECT count(*) FROM connection_change WHERE connection_id = ?1 AND seq > ?2", id, resumeFrom) == 35);

        long pagesBefore = subscriptions.replayPagesRead();
        var subscriber = subscriptions.subscribe(cluster, id, resumeFrom).subscribe()
                .withSubscriber(io.smallrye.mutiny.helpers.test.AssertSubscriber.<io.dataflow.privatelink.domain.service.StatusEvent>create(3));
        subscriber.awaitItems(3, WAIT);
        assertEquals(1, subscriptions.replayPagesRead() - pagesBefore, "three changes taken: one page read");
        subscriber.request(32);
        subscriber.awaitItems(35, WAIT);
        assertEquals(4, subscriptions.replayPagesRead() - pagesBefore, "35 changes: pages of 10, 10, 10 and 5");
        List<Long> seqs = subscriber.getItems().stream().map(io.dataflow.privatelink.domain.service.StatusEvent::seq).toList();
        assertEquals(seqs.stream().sorted().distinct().toList(), seqs, "in order, each once");
        assertTrue(seqs.get(0) > resumeFrom);

        // live now: heartbeats (every second here) may come before the change, and are skipped
        subscriber.request(100);
        change(cluster, id, ConnectionState.DELETING);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> subscriber.getItems().stream()
                .anyMatch(e -> e.kind() != io.dataflow.privatelink.domain.service.StatusEvent.Kind.HEARTBEAT
                        && e.seq() > seqs.get(seqs.size() - 1)));
        var live = subscriber.getItems().stream().skip(35)
                .filter(e -> e.kind() != io.dataflow.privatelink.domain.service.StatusEvent.Kind.HEARTBEAT).toList();
        assertEquals(1, live.size(), "one live change");
        assertTrue(live.get(0).snapshot().contains("DELETING"), "then the live changes");
        subscriber.cancel();
    }

    /** Records the event's state for its connection, in arrival order. */
    @jakarta.inject.Inject
    io.dataflow.privatelink.domain.repository.ConnectionViewRepository views;

    @jakarta.inject.Inject
    io.dataflow.privatelink.domain.repository.ChangeLogRepository changeLog;

    /**
     * A stream starts with the current snapshots of connections whose last change is at its starting
     * point or before, and gets later changes live: a connection changed after that point must not be in
     * the first part (it would come twice, the newer snapshot first). So each row must know the change
     * that published its snapshot.
     */
    @Test
    void aConnectionChangedAfterAStreamsStartingPointComesOnlyLive() throws Throwable {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        request(cluster, id);
        awaitVisible(cluster, id);
        long start = inSession(() -> changeLog.lastSeq());
        change(cluster, id, ConnectionState.PENDING_ACCEPTANCE);
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() ->
                given().get("/v1beta1/clusters/" + cluster + "/privateLinkConnections/" + id).then()
                        .body("state", equalTo("PENDING_ACCEPTANCE")));

        assertEquals(List.of(), inSession(() -> views.currentSnapshots(cluster, null, start)),
                "changed after the starting point: only live");
        long now = inSession(() -> changeLog.lastSeq());
        var current = inSession(() -> views.currentSnapshots(cluster, null, now));
        assertEquals(1, current.size());
        assertTrue(current.get(0).seq() > start, "the row knows the change that published its snapshot");
        assertTrue(current.get(0).snapshot().contains("PENDING_ACCEPTANCE"));
    }

    private static <T> T inSession(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) throws Throwable {
        return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() ->
                io.quarkus.hibernate.reactive.panache.Panache.withSession(work));
    }

    private static void record(Map<String, List<String>> seen, SseClient.Event event) throws Exception {
        assertNotNull(event, "no event within " + WAIT);
        JsonNode snapshot = JSON.readTree(event.data());
        seen.computeIfAbsent(snapshot.path("privateLinkConnectionId").asText(), k -> new ArrayList<>())
                .add(snapshot.path("state").asText());
        LAST_ID.set(event.id());
    }

    private static final ThreadLocal<String> LAST_ID = new ThreadLocal<>();

    /** Whatever arrived before the drop counts as seen; the last one's id is the resume point. */
    private static String lastRecordedId(Map<String, List<String>> seen, SseClient stream) throws Exception {
        for (SseClient.Event event : stream.drain()) {
            record(seen, event);
        }
        return LAST_ID.get();
    }

    private URI watch(String cluster, String id) {
        return base.resolve("/v1beta1/clusters/" + cluster + "/privateLinkConnections"
                + (id == null ? "" : "/" + id) + ":watch");
    }

    private void request(String cluster, String id) {
        ClusterPlacement placement = new ClusterPlacement(cluster, "p", CloudProvider.AWS, "us-east-1", "111111111111",
                "vpc-1", List.of("use1-az1"), Map.of("use1-az1", "subnet-1"), "sg-1");
        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, new ConnectionRequested(id, cluster,
                "kafka", ConnectionType.AWS_ENDPOINT_SERVICE,
                "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "us-east-1", "alice", now(), placement, TestVersions.next()));
    }

    private void change(String cluster, String id, ConnectionState state) {
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id, new ConnectionStateChanged(id, cluster,
                state, null, "vpce-" + id.substring(4, 12), List.of("use1-az1"), now(), TestVersions.next()));
    }

    private static void awaitVisible(String cluster, String id) {
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() ->
                given().get("/v1beta1/clusters/" + cluster + "/privateLinkConnections/" + id).then().statusCode(200));
    }

    private void send(String topic, String type, String id, Object payload) {
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(topic, id, CloudEvent.of(type, "/test", id, now(),
                payload)));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
