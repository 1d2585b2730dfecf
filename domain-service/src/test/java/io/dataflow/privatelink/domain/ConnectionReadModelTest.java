package io.dataflow.privatelink.domain;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.FailureReason;
import io.dataflow.privatelink.contract.api.ConnectivityTest;
import io.dataflow.privatelink.contract.connectivity.CheckKind;
import io.dataflow.privatelink.contract.connectivity.ConnectivityCheck;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTarget;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTestIds;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionDeletionRequested;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.ConnectivityTestCompleted;
import io.dataflow.privatelink.contract.event.ConnectivityTestRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.domain.service.HistoryRetention;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.api.ReadYourWrites;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.dataflow.privatelink.kit.testing.Metrics;
import io.dataflow.privatelink.kit.testing.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "domain_service"))
@QuarkusTestResource(DomainServiceTokens.class)
class ConnectionReadModelTest {

    @io.quarkus.test.common.http.TestHTTPResource(value = "metrics", management = true)
    java.net.URL metrics;

    private static final String SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @org.junit.jupiter.api.BeforeAll
    static void validateResponsesAgainstTheContract() {
        ContractValidation.install();
    }

    @Inject
    HistoryRetention retention;

    @Test
    void projectsTheLifecycleOfAConnection() {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, requested(cluster, id, "orders"));
        awaitState(cluster, id, "CREATING");
        given().get(path(cluster) + "/" + id).then()
                .body("displayName", equalTo("orders"))
                .body("awsEndpointService.name", equalTo(SERVICE))
                .body("awsEndpointService.endpointId", nullValue())
                .body("createdBy", equalTo("alice"));

        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id,
                changed(cluster, id, ConnectionState.PENDING_ACCEPTANCE, 1));
        awaitState(cluster, id, "PENDING_ACCEPTANCE");
        given().get(path(cluster) + "/" + id).then()
                .body("awsEndpointService.endpointId", equalTo("vpce-0a"))
                .body("awsEndpointService.availabilityZoneIds", equalTo(List.of("use1-az1", "use1-az2")));

        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id, changed(cluster, id, ConnectionState.ACTIVE, 2));
        awaitState(cluster, id, "ACTIVE");

        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_DELETION_REQUESTED, id,
                new ConnectionDeletionRequested(id, cluster, ConnectionType.AWS_ENDPOINT_SERVICE, "bob", now(), 2));
        awaitState(cluster, id, "DELETING");
        // A report the worker sent before it saw the deletion (newer by its version) must not bring the
        // connection back: once it is projected, the connection is still DELETING.
        CloudEvent late = send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id,
                changed(cluster, id, ConnectionState.ACTIVE, 9));
        awaitProjected(late);
        given().get(path(cluster) + "/" + id).then().statusCode(200).body("state", equalTo("DELETING"))
                .body("message", nullValue());
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_DELETED, id, new ConnectionDeleted(id, cluster, now(), 10));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get(path(cluster) + "/" + id).then().statusCode(404).body("code", equalTo(5)));
    }

    @Test
    void metricsCountConnectionsByCloudAndStateTheProjectionsLatencyAndReadYourWritesWaits() {
        Metrics before = Metrics.scrape(metrics);
        double active = before.sum("plc_connections", "cloud", "AWS", "state", "ACTIVE");
        double projected = before.sum("plc_projection_latency_seconds_count");
        double waits = before.sum("plc_read_your_writes_wait_seconds_count", "outcome", "projected");
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, requested(cluster, id, "counted"));
        CloudEvent activated = send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id,
                changed(cluster, id, ConnectionState.ACTIVE, 1));
        // a query that must see the caller's own write waits for it: one wait, ended by the projection
        given().header(ReadYourWrites.MIN_EVENT_HEADER, activated.id()).get(path(cluster) + "/" + id)
                .then().statusCode(200).body("state", equalTo("ACTIVE"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Metrics after = Metrics.scrape(metrics);
            assertTrue(after.sum("plc_connections", "cloud", "AWS", "state", "ACTIVE") >= active + 1, "connections");
            assertTrue(after.sum("plc_projection_latency_seconds_count") >= projected + 2, "both events projected");
            assertEquals(waits + 1, after.sum("plc_read_your_writes_wait_seconds_count", "outcome", "projected"));
        });
    }

    @Test
    void historyListsEveryStateWithItsReasonAndOutlivesTheConnectionUntilTheRetentionEnds() {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, requested(cluster, id, "h"));
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id,
                new ConnectionStateChanged(id, cluster, ConnectionState.FAILED, "rejected by the owner", "vpce-0a",
                        List.of("use1-az1"), now(), 1, FailureReason.REJECTED_BY_OWNER, null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(path(cluster) + "/" + id)
                .then().statusCode(200).body("state", equalTo("FAILED"))
                .body("failureReason", equalTo("REJECTED_BY_OWNER")));
        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_DELETION_REQUESTED, id,
                new ConnectionDeletionRequested(id, cluster, ConnectionType.AWS_ENDPOINT_SERVICE, "bob", now(), 2));
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_DELETED, id, new ConnectionDeleted(id, cluster, now(), 2));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(path(cluster) + "/" + id + "/history")
                .then().statusCode(200)
                .body("deleted", equalTo(true))
                .body("stateChanges.state", equalTo(List.of("CREATING", "FAILED", "DELETING")))
                .body("stateChanges[1].message", equalTo("rejected by the owner"))
                .body("stateChanges[1].failureReason", equalTo("REJECTED_BY_OWNER"))
                .body("stateChanges[2].message", equalTo("deletion requested by bob")));
        given().get(path("another-cluster") + "/" + id + "/history").then().statusCode(404).body("code", equalTo(5));

        assertEquals(0, purgeBefore(Instant.now().minus(Duration.ofDays(1))));
        assertEquals(1, purgeBefore(Instant.now().plusSeconds(1)) > 0 ? 1 : 0);
        given().get(path(cluster) + "/" + id + "/history").then().statusCode(404)
                .body("message", containsString("histories of deleted connections are kept for"));
    }

    @Test
    void aConnectivityTestShowsInGetAndOnceInTheHistoryWhicheverTopicIsReadFirst() {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, requested(cluster, id, "tested"));
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id, changed(cluster, id, ConnectionState.ACTIVE, 1));
        awaitState(cluster, id, "ACTIVE");
        ConnectivityTestRequested asked = new ConnectivityTestRequested(id, cluster, ConnectionType.AWS_ENDPOINT_SERVICE,
                ConnectivityTestIds.newId(), List.of(new ConnectivityTarget("orders.example", 9092)), 9092, false,
                "alice", now(), 2);
        ConnectivityTest done = asked.running().completed(List.of(
                ConnectivityCheck.pass(CheckKind.CONNECTION_ACTIVE, null, null, "ACTIVE"),
                ConnectivityCheck.fail(CheckKind.TCP_CONNECT, "orders.example:9092", "use1-az1", "connection refused",
                        "allow 9092 from the endpoint's security group")), now().plusSeconds(1));

        // The worker's result is projected before the request that asked for it (the two travel on different topics).
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTIVITY_TEST_COMPLETED, id,
                new ConnectivityTestCompleted(id, cluster, done, 2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(path(cluster) + "/" + id).then()
                .statusCode(200).body("connectivityTest.state", equalTo("FAILED")));
        CloudEvent late = send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTIVITY_TEST_REQUESTED, id, asked);
        // the result published once more (a worker's outbox replayed): a new event about the same test
        CloudEvent again = send(Topics.CONNECTION_STATE, EventTypes.CONNECTIVITY_TEST_COMPLETED, id,
                new ConnectivityTestCompleted(id, cluster, done, 2));
        awaitProjected(late);
        awaitProjected(again);

        given().get(path(cluster) + "/" + id).then().statusCode(200)
                .body("state", equalTo("ACTIVE"))
                .body("connectivityTest.testId", equalTo(asked.testId()))
                .body("connectivityTest.state", equalTo("FAILED"))
                .body("connectivityTest.targets[0].host", equalTo("orders.example"))
                .body("connectivityTest.checks.status", equalTo(List.of("PASS", "FAIL")))
                .body("connectivityTest.checks[1].advice", equalTo("allow 9092 from the endpoint's security group"));
        given().get(path(cluster) + "/" + id + "/history").then().statusCode(200)
                .body("stateChanges.state", equalTo(List.of("CREATING", "ACTIVE", "ACTIVE")))
                .body("stateChanges[2].connectivityTestId", equalTo(asked.testId()))
                .body("stateChanges[2].message", equalTo("Connectivity test " + asked.testId()
                        + " failed: TCP_CONNECT orders.example:9092: connection refused"))
                .body("stateChanges[2].changeTime", equalTo(done.completeTime().toString()));
        given().get(path(cluster)).then().statusCode(200)
                .body("privateLinkConnections[0].connectivityTest", nullValue());
    }

    @Test
    void aQueryNamingTheCallersLatestEventWaitsUntilItIsProjected() throws Exception {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        CloudEvent event = CloudEvent.of(EventTypes.CONNECTION_REQUESTED, "/test", id, now(), requested(cluster, id, "ryw"));
        // The query is on its way before the event is even published: it must wait for it, not answer 404.
        java.util.concurrent.CompletableFuture<Integer> status = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                given().header(ReadYourWrites.MIN_EVENT_HEADER, event.id()).get(path(cluster) + "/" + id)
                        .then().extract().statusCode());
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(Topics.CONNECTION_REQUESTS, id, event));
        assertEquals(200, status.get(30, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void aQueryGivingUpOnItsEventLeavesTheOthersWaitingUnharmed() throws Exception {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        // Two callers wait for events that never come; the first one's wait ends while the second still waits.
        java.util.concurrent.CompletableFuture<Integer> first = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                given().header(ReadYourWrites.MIN_EVENT_HEADER, UUID.randomUUID().toString())
                        .get(path(cluster) + "/" + id).then().extract().statusCode());
        Thread.sleep(1_000); // what is tested is two waits that end at different times
        int second = given().header(ReadYourWrites.MIN_EVENT_HEADER, UUID.randomUUID().toString())
                .get(path(cluster) + "/" + id).then().extract().statusCode();
        assertEquals(404, first.get(30, java.util.concurrent.TimeUnit.SECONDS), "answered with what it has");
        assertEquals(404, second, "answered with what it has, not failed by the first wait's end");
    }

    @Test
    void aRedeliveredOrLateReportChangesNothing() {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, requested(cluster, id, "a"));
        CloudEvent active = CloudEvent.of(EventTypes.CONNECTION_STATE_CHANGED, "/test", id, now(),
                changed(cluster, id, ConnectionState.ACTIVE, 2));
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(Topics.CONNECTION_STATE, id, active));
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id,
                new ConnectionStateChanged(id, cluster, ConnectionState.FAILED, "rejected by the owner", "vpce-0a",
                        List.of("use1-az1"), now(), 3));
        awaitState(cluster, id, "FAILED");

        // The ACTIVE report again (a redelivery), and an older one published late (a worker's outbox
        // replayed after a crash): both are projected, and neither changes what readers see.
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(Topics.CONNECTION_STATE, id, active));
        CloudEvent older = send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id,
                changed(cluster, id, ConnectionState.PENDING_ACCEPTANCE, 1));
        awaitProjected(older);
        given().get(path(cluster) + "/" + id).then().body("state", equalTo("FAILED"))
                .body("message", equalTo("rejected by the owner"));
        assertEquals(1, Sql.count("SELECT count(*) FROM connection_history WHERE event_id = ?1", active.id()));
    }

    @Test
    void listsPageByPageWithStateFilterAndTotals() {
        String cluster = "c-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = ConnectionIds.newId();
            ids.add(id);
            send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, requested(cluster, id, "n" + i));
        }
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, ids.get(1),
                changed(cluster, ids.get(1), ConnectionState.ACTIVE, 1));
        // Wait until all five requests and the state are projected.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get(path(cluster) + "?state=ACTIVE").then().body("totalSize", equalTo(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get(path(cluster)).then().body("totalSize", equalTo(5)));

        Set<String> listed = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            var page = given().queryParam("pageSize", 2)
                    .queryParams(token == null ? Map.of() : Map.of("pageToken", token))
                    .get(path(cluster)).then().statusCode(200)
                    .body("totalSize", equalTo(5))
                    .body("privateLinkConnections[0].attachedDomains", nullValue())
                    .extract();
            List<String> pageIds = page.path("privateLinkConnections.privateLinkConnectionId");
            listed.addAll(pageIds);
            token = page.path("nextPageToken");
            pages++;
        } while (token != null);
        assertEquals(Set.copyOf(ids), listed);
        assertEquals(3, pages);

        // A token whose position was changed (here: pointed at the start again) is refused, not followed.
        String first = given().queryParam("pageSize", 2).get(path(cluster)).then().extract().path("nextPageToken");
        byte[] raw = java.util.Base64.getUrlDecoder().decode(first);
        String tampered = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).replaceFirst("^20", "19");
        given().queryParam("pageToken", java.util.Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(tampered.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                .get(path(cluster)).then().statusCode(400).body("code", equalTo(3))
                .body("message", containsString("not a token this API issued, or it was changed"));
    }

    @Test
    void badQueriesAreRefusedWithTheErrorBody() {
        given().get(path("c1") + "?pageToken=not-a-token").then().statusCode(400)
                .body("code", equalTo(3)).body("message", containsString("pageToken is not a token this API issued"));
        given().get(path("c1") + "?pageSize=1000").then().statusCode(400)
                .body("message", containsString("pageSize must be between 1 and 100"));
        given().get(path("c1") + "?pageSize=ten").then().statusCode(400)
                .body("message", containsString("pageSize must be a whole number"));
        given().get(path("c1") + "?state=SLEEPING").then().statusCode(400)
                .body("message", containsString("is not a connection state"));
        given().get(path("c1") + "/plc-missing").then().statusCode(404).body("code", equalTo(5));
    }

    private static String path(String cluster) {
        return "/v1beta1/clusters/" + cluster + "/privateLinkConnections";
    }

    private static void awaitState(String cluster, String id, String state) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get(path(cluster) + "/" + id).then().statusCode(200).body("state", equalTo(state)));
    }

    private CloudEvent send(String topic, String type, String id, Object payload) {
        CloudEvent event = CloudEvent.of(type, "/test", id, now(), payload);
        ProducerRecord<String, String> record = CloudEventKafka.toRecord(topic, id, event);
        TopicProbe.send(bootstrapServers, record);
        return event;
    }

    /** Waits until the event is in effect (its id is in the processed-event log). */
    private static void awaitProjected(CloudEvent event) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count("SELECT count(*) FROM processed_event WHERE event_id = ?1", event.id()) == 1);
    }

    private int purgeBefore(Instant cutoff) {
        try {
            return io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> retention.purgeBefore(cutoff));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static ConnectionRequested requested(String cluster, String id, String name) {
        ClusterPlacement placement = new ClusterPlacement(cluster, "p", CloudProvider.AWS, "us-east-1", "111111111111",
                "vpc-1", List.of("use1-az1"), Map.of("use1-az1", "subnet-1"), "sg-1");
        return new ConnectionRequested(id, cluster, name, ConnectionType.AWS_ENDPOINT_SERVICE, SERVICE, "us-east-1",
                "alice", now(), placement, 1);
    }

    private static ConnectionStateChanged changed(String cluster, String id, ConnectionState state, long version) {
        return new ConnectionStateChanged(id, cluster, state, null, "vpce-0a", List.of("use1-az1", "use1-az2"), now(),
                version);
    }

}
