package io.dataflow.privatelink.connection;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "connection_service"))
@QuarkusTestResource(TestTokens.class)
class ConnectionCommandsTest {

    private static final String AWS_SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

    @Inject
    DataSource dataSource;

    @org.junit.jupiter.api.BeforeEach
    void actAsEditor() {
        TestTokens.actAsEditorOfProjectA();
        ContractValidation.install();
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void createStoresTheConnectionAndEmitsConnectionRequestedWithTheClusterPlacement() {
        String id = given().contentType(ContentType.JSON)
                .body(createBody("orders-kafka", "AWS_ENDPOINT_SERVICE", AWS_SERVICE))
                .post("/v1beta1/clusters/1001/privateLinkConnections")
                .then().statusCode(200)
                .body("privateLinkConnectionId", matchesPattern("plc-[a-z2-7]{26}"))
                .body("state", equalTo("CREATING"))
                .body("clusterId", equalTo("1001"))
                .body("displayName", equalTo("orders-kafka"))
                .body("type", equalTo("AWS_ENDPOINT_SERVICE"))
                .body("awsEndpointService.name", equalTo(AWS_SERVICE))
                .body("awsEndpointService.region", equalTo("us-east-1"))
                .extract().path("privateLinkConnectionId");

        try (TopicProbe probe = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_REQUESTS)) {
            ConsumerRecord<String, String> record = probe.awaitRecord(r -> id.equals(r.key()), Duration.ofSeconds(30));
            CloudEvent event = CloudEventKafka.fromRecord(record);
            assertEquals(EventTypes.CONNECTION_REQUESTED, event.type());
            assertEquals(id, event.subject());
            assertEquals("1.0", header(record, "ce_specversion"));
            ConnectionRequested requested = event.dataAs(ConnectionRequested.class);
            assertEquals(AWS_SERVICE, requested.endpointServiceName());
            assertEquals("vpc-0test", requested.placement().vpcId());
            assertEquals("subnet-0test2", requested.placement().subnetIdsByAz().get("use1-az2"));
            assertEquals("111111111111", requested.placement().accountId());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM outbox_event") == 0);
    }

    @Test
    void availabilityZonesNameThePlatformAccountAndTheClustersZones() {
        // A literal colon, as the contract's clients send it (RestAssured would encode it).
        given().urlEncodingEnabled(false).get("/v1beta1/clusters/1001/privateLinkConnections:getAvailabilityZones")
                .then().statusCode(200)
                .body("accountId", equalTo("111111111111"))
                .body("azIds", equalTo(List.of("use1-az1", "use1-az2")));
    }

    @Test
    void alibabaCloudConnectionIsAcceptedWithItsServiceNameAndZones() {
        given().contentType(ContentType.JSON)
                .body(createBody("db", "ALICLOUD_ENDPOINT_SERVICE",
                        "com.aliyuncs.privatelink.cn-hangzhou.epsrv-bp1abcdefghij1234567"))
                .post("/v1beta1/clusters/1002/privateLinkConnections")
                .then().statusCode(200)
                .body("state", equalTo("CREATING"))
                .body("alicloudEndpointService.name", equalTo("com.aliyuncs.privatelink.cn-hangzhou.epsrv-bp1abcdefghij1234567"));
        given().urlEncodingEnabled(false).get("/v1beta1/clusters/1002/privateLinkConnections:getAvailabilityZones")
                .then().statusCode(200)
                .body("accountId", equalTo("1000000000000001"))
                .body("azIds", equalTo(List.of("cn-hangzhou-i")));
    }

    @Test
    void refusedCreatesAnswerWithTheErrorBodyAndStoreNothing() throws SQLException {
        long before = count("SELECT count(*) FROM connection");
        refuse("1001", createBody("x", "ALICLOUD_ENDPOINT_SERVICE", AWS_SERVICE), 400, 3,
                "does not match cluster 1001");
        refuse("1001", createBody("x", "AWS_ENDPOINT_SERVICE", "com.amazonaws.vpce.us-east-1.vpce-svc-xyz"), 400, 3,
                "is not an AWS endpoint service name");
        refuse("1001", createBody("x", "AWS_ENDPOINT_SERVICE", "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"),
                400, 3, "Set awsEndpointService.region to eu-west-1");
        refuse("1001", createBody("", "AWS_ENDPOINT_SERVICE", AWS_SERVICE), 400, 3, "displayName is required");
        refuse("1001", "{\"privateLinkConnection\": {", 400, 3, "not valid JSON");
        refuse("1001", createBody("x", "GCP_ENDPOINT_SERVICE", AWS_SERVICE), 400, 3, "not valid JSON");
        refuse("1001", "{}", 400, 3, "The request body must be");
        refuse("1001", """
                {"privateLinkConnection": {"displayName": "x", "type": "AWS_ENDPOINT_SERVICE", "colour": "red",
                 "awsEndpointService": {"name": "%s"}}}""".formatted(AWS_SERVICE), 400, 3, "unknown field 'colour'");
        refuse("1001", createBody("x".repeat(70_000), "AWS_ENDPOINT_SERVICE", AWS_SERVICE), 413, 3,
                "this API accepts at most 65536");
        refuse("9999", createBody("x", "AWS_ENDPOINT_SERVICE", AWS_SERVICE), 404, 5, "Cluster 9999 was not found");
        refuse("1002", createBody("x", "AWS_ENDPOINT_SERVICE", AWS_SERVICE), 400, 3,
                "runs on ALICLOUD: use ALICLOUD_ENDPOINT_SERVICE");
        refuse("1002", createBody("x", "ALICLOUD_ENDPOINT_SERVICE", "epsrv-123"), 400, 3,
                "is not an Alibaba Cloud endpoint service name");
        refuse("1002", createBody("x", "ALICLOUD_ENDPOINT_SERVICE",
                "com.aliyuncs.privatelink.cn-beijing.epsrv-2zeabcdefghij1234567"), 400, 3,
                "use an endpoint service in cn-hangzhou");
        assertEquals(before, count("SELECT count(*) FROM connection"));
    }

    @Test
    void deleteMarksTheConnectionDeletingAndEmitsTheRequest() {
        String id = create();

        given().delete("/v1beta1/clusters/1001/privateLinkConnections/" + id)
                .then().statusCode(200)
                .body("state", equalTo("DELETING"));

        try (TopicProbe probe = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_REQUESTS)) {
            probe.awaitRecord(r -> id.equals(r.key())
                    && EventTypes.CONNECTION_DELETION_REQUESTED.equals(header(r, "ce_type")), Duration.ofSeconds(30));
        }
        given().delete("/v1beta1/clusters/1001/privateLinkConnections/plc-doesnotexist")
                .then().statusCode(404).body("code", equalTo(5));
    }

    @Test
    void followsTheWorkersStateEventsOnceEach() throws SQLException {
        String id = create();
        CloudEvent active = CloudEvent.of(EventTypes.CONNECTION_STATE_CHANGED, "/test/worker", id, Instant.now(),
                new ConnectionStateChanged(id, "1001", ConnectionState.ACTIVE, null, "vpce-0123", List.of("use1-az1"),
                        Instant.now()));

        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(Topics.CONNECTION_STATE, id, active));
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(Topics.CONNECTION_STATE, id, active));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                "ACTIVE".equals(single("SELECT state FROM connection WHERE connection_id = '" + id + "'")));
        assertEquals("vpce-0123", single("SELECT endpoint_id FROM connection WHERE connection_id = '" + id + "'"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM processed_event WHERE event_id = '" + active.id() + "'") == 1);
    }

    private String create() {
        return given().contentType(ContentType.JSON)
                .body(createBody("db", "AWS_ENDPOINT_SERVICE", AWS_SERVICE))
                .post("/v1beta1/clusters/1001/privateLinkConnections")
                .then().statusCode(200).extract().path("privateLinkConnectionId");
    }

    private static void refuse(String cluster, String body, int status, int code, String message) {
        given().contentType(ContentType.JSON).body(body)
                .post("/v1beta1/clusters/" + cluster + "/privateLinkConnections")
                .then().statusCode(status)
                .body("code", equalTo(code))
                .body("message", containsString(message))
                .body("details", equalTo(List.of()));
    }

    static String createBody(String displayName, String type, String serviceName) {
        String service = type.startsWith("ALICLOUD") ? "alicloudEndpointService" : "awsEndpointService";
        return """
                {"privateLinkConnection": {"displayName": "%s", "type": "%s", "%s": {"name": "%s"}}}"""
                .formatted(displayName, type, service, serviceName);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private long count(String sql) throws SQLException {
        try (Connection db = dataSource.getConnection(); ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String single(String sql) throws SQLException {
        try (Connection db = dataSource.getConnection(); ResultSet rs = db.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
