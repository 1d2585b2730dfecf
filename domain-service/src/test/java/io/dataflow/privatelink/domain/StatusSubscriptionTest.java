package io.dataflow.privatelink.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
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
import java.util.LinkedHashMap;
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
class StatusSubscriptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<ConnectionState> LIFECYCLE = List.of(ConnectionState.CREATING,
            ConnectionState.PENDING_ACCEPTANCE, ConnectionState.ACTIVE);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

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

    /** Records the event's state for its connection, in arrival order. */
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
