package io.dataflow.privatelink.domain;

import io.dataflow.privatelink.contract.CloudProvider;
import io.dataflow.privatelink.contract.ConnectionIds;
import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.ConnectionType;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ClusterPlacement;
import io.dataflow.privatelink.contract.event.ConnectionDeleted;
import io.dataflow.privatelink.contract.event.ConnectionDeletionRequested;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.dataflow.privatelink.kit.api.ReadYourWrites;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.dataflow.privatelink.domain.repository.ConnectionViewRepository;
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

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "domain_service"))
class ConnectionReadModelTest {

    private static final String SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @org.junit.jupiter.api.BeforeAll
    static void validateResponsesAgainstTheContract() {
        ContractValidation.install();
    }

    @Inject
    ConnectionViewRepository views;

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
                changed(cluster, id, ConnectionState.PENDING_ACCEPTANCE));
        awaitState(cluster, id, "PENDING_ACCEPTANCE");
        given().get(path(cluster) + "/" + id).then()
                .body("awsEndpointService.endpointId", equalTo("vpce-0a"))
                .body("awsEndpointService.availabilityZoneIds", equalTo(List.of("use1-az1")));

        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id, changed(cluster, id, ConnectionState.ACTIVE));
        awaitState(cluster, id, "ACTIVE");

        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_DELETION_REQUESTED, id,
                new ConnectionDeletionRequested(id, cluster, ConnectionType.AWS_ENDPOINT_SERVICE, "bob", now()));
        awaitState(cluster, id, "DELETING");
        // A report the worker sent before it saw the deletion must not bring the connection back.
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id, changed(cluster, id, ConnectionState.ACTIVE));
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_DELETED, id, new ConnectionDeleted(id, cluster, now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get(path(cluster) + "/" + id).then().statusCode(404).body("code", equalTo(5)));
    }

    @Test
    void historyListsEveryStateWithItsReasonAndOutlivesTheConnectionUntilTheRetentionEnds() {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, id, requested(cluster, id, "h"));
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id,
                new ConnectionStateChanged(id, cluster, ConnectionState.FAILED, "rejected by the owner", "vpce-0a",
                        List.of("use1-az1"), now()));
        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_DELETION_REQUESTED, id,
                new ConnectionDeletionRequested(id, cluster, ConnectionType.AWS_ENDPOINT_SERVICE, "bob", now()));
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_DELETED, id, new ConnectionDeleted(id, cluster, now()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(path(cluster) + "/" + id + "/history")
                .then().statusCode(200)
                .body("deleted", equalTo(true))
                .body("stateChanges.state", equalTo(List.of("CREATING", "FAILED", "DELETING")))
                .body("stateChanges[1].message", equalTo("rejected by the owner"))
                .body("stateChanges[2].message", equalTo("deletion requested by bob")));
        given().get(path("another-cluster") + "/" + id + "/history").then().statusCode(404).body("code", equalTo(5));

        assertEquals(0, views.purgeDeletedBefore(Instant.now().minus(Duration.ofDays(1))));
        views.purgeDeletedBefore(Instant.now().plusSeconds(1));
        given().get(path(cluster) + "/" + id + "/history").then().statusCode(404)
                .body("message", containsString("histories of deleted connections are kept for"));
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
    void redeliveredEventsChangeNothing() {
        String cluster = "c-" + UUID.randomUUID();
        String id = ConnectionIds.newId();
        CloudEvent event = CloudEvent.of(EventTypes.CONNECTION_REQUESTED, "/test", id, now(), requested(cluster, id, "a"));
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(Topics.CONNECTION_REQUESTS, id, event));
        send(Topics.CONNECTION_STATE, EventTypes.CONNECTION_STATE_CHANGED, id, changed(cluster, id, ConnectionState.ACTIVE));
        awaitState(cluster, id, "ACTIVE");

        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(Topics.CONNECTION_REQUESTS, id, event));
        String marker = ConnectionIds.newId();
        send(Topics.CONNECTION_REQUESTS, EventTypes.CONNECTION_REQUESTED, marker, requested(cluster, marker, "m"));
        awaitState(cluster, marker, "CREATING");

        given().get(path(cluster) + "/" + id).then().body("state", equalTo("ACTIVE"));
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
                changed(cluster, ids.get(1), ConnectionState.ACTIVE));
        // The two topics are consumed independently: wait until all five requests and the state are projected.
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

    private void send(String topic, String type, String id, Object payload) {
        CloudEvent event = CloudEvent.of(type, "/test", id, now(), payload);
        ProducerRecord<String, String> record = CloudEventKafka.toRecord(topic, id, event);
        TopicProbe.send(bootstrapServers, record);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static ConnectionRequested requested(String cluster, String id, String name) {
        ClusterPlacement placement = new ClusterPlacement(cluster, "p", CloudProvider.AWS, "us-east-1", "111111111111",
                "vpc-1", List.of("use1-az1"), Map.of("use1-az1", "subnet-1"), "sg-1");
        return new ConnectionRequested(id, cluster, name, ConnectionType.AWS_ENDPOINT_SERVICE, SERVICE, "us-east-1",
                "alice", now(), placement);
    }

    private static ConnectionStateChanged changed(String cluster, String id, ConnectionState state) {
        return new ConnectionStateChanged(id, cluster, state, null, "vpce-0a", List.of("use1-az1"), now());
    }

}
