package io.dataflow.privatelink.connection;

import io.dataflow.privatelink.contract.api.ConnectivityTest;
import io.dataflow.privatelink.contract.connectivity.CheckKind;
import io.dataflow.privatelink.contract.connectivity.ConnectivityCheck;
import io.dataflow.privatelink.contract.connectivity.ConnectivityTarget;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ConnectivityTestCompleted;
import io.dataflow.privatelink.contract.event.ConnectivityTestRequested;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.dataflow.privatelink.kit.testing.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code :testConnectivity}: checked, one at a time per connection, announced to the connection's worker. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "connection_service"))
@QuarkusTestResource(TestTokens.class)
class ConnectivityTestCommandsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void actAsEditor() {
        TestTokens.actAsEditorOfProjectA();
        ContractValidation.install();
    }

    @Test
    void aTestIsAnnouncedRunningAndASecondWaitsUntilTheWorkerReportsTheFirst() {
        String id = create();
        String path = "/v1beta1/clusters/1001/privateLinkConnections/" + id + ":testConnectivity";
        String testId = given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body("{\"port\": 9092, \"kafka\": true, \"targets\": [{\"host\": \"B0.Kafka.Example.com\"}]}")
                .post(path).then().statusCode(200)
                .body("state", equalTo("RUNNING")).body("testId", matchesPattern("plct-[a-z2-7]{26}"))
                .body("kafka", equalTo(true)).body("targets[0].host", equalTo("b0.kafka.example.com"))
                .body("targets[0].port", equalTo(9092)).body("checks", nullValue())
                .extract().path("testId");
        try (TopicProbe probe = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_REQUESTS)) {
            ConsumerRecord<String, String> record = probe.awaitRecord(r -> id.equals(r.key())
                    && EventTypes.CONNECTIVITY_TEST_REQUESTED.equals(header(r, "ce_type")), Duration.ofSeconds(30));
            ConnectivityTestRequested requested = CloudEventKafka.fromRecord(record).dataAs(ConnectivityTestRequested.class);
            assertEquals(testId, requested.testId());
            assertEquals(List.of(new ConnectivityTarget("b0.kafka.example.com", 9092)), requested.targets());
            assertTrue(requested.kafka());
            assertEquals("1001", requested.clusterId());
        }

        // one at a time: the second is refused, naming the running test
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"port\": 9092}").post(path).then().statusCode(409)
                .body("code", equalTo(10)).body("message", containsString(testId + " is still running"));

        // the worker's report of the first frees the connection for the next
        ConnectivityTest done = new ConnectivityTest(testId, null, List.of(), 9092, true, "alice", Instant.now(), null, null)
                .completed(List.of(ConnectivityCheck.pass(CheckKind.CONNECTION_ACTIVE, null, null, "ACTIVE")), Instant.now());
        CloudEvent completed = CloudEvent.of(EventTypes.CONNECTIVITY_TEST_COMPLETED, "/test/worker", id, Instant.now(),
                new ConnectivityTestCompleted(id, "1001", done, 1));
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(Topics.CONNECTION_STATE, id, completed));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Sql.text("SELECT connectivity_test_id FROM connection WHERE connection_id = ?1", id) == null);
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).post(path).then().statusCode(200).body("state", equalTo("RUNNING"));
    }

    @Test
    void badTargetsAnUnknownConnectionAndOneBeingDeletedAreRefusedAndNothingIsStarted() {
        String id = create();
        String path = "/v1beta1/clusters/1001/privateLinkConnections/" + id + ":testConnectivity";
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"port\": 80, \"targets\": [{\"host\": \"169.254.169.254\"}]}")
                .post(path).then().statusCode(400).body("code", equalTo(3))
                .body("message", containsString("is a private, loopback or link-local address"));
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"port\": 0}").post(path).then().statusCode(400)
                .body("code", equalTo(3)).body("message", containsString("between 1 and 65535"));
        assertNull(Sql.text("SELECT connectivity_test_id FROM connection WHERE connection_id = ?1", id));

        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{}")
                .post("/v1beta1/clusters/1001/privateLinkConnections/plc-doesnotexist:testConnectivity")
                .then().statusCode(404).body("code", equalTo(5));
        given().delete("/v1beta1/clusters/1001/privateLinkConnections/" + id).then().statusCode(200);
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{}").post(path).then().statusCode(400).body("code", equalTo(9))
                .body("message", containsString("is being deleted"));
        assertNull(Sql.text("SELECT connectivity_test_id FROM connection WHERE connection_id = ?1", id));
    }

    private static String create() {
        return given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body(ConnectionCommandsTest.createBody("db", "AWS_ENDPOINT_SERVICE",
                        "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"))
                .post("/v1beta1/clusters/1001/privateLinkConnections")
                .then().statusCode(200).extract().path("privateLinkConnectionId");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
