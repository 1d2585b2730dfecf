package io.dataflow.privatelink.connection;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ConnectionRenamed;
import io.dataflow.privatelink.contract.event.ConnectionRequested;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.EventTypes;
import io.dataflow.privatelink.contract.event.Topics;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.TopicProbe;
import io.dataflow.privatelink.kit.outbox.CloudEventKafka;
import io.dataflow.privatelink.kit.testing.Metrics;
import io.dataflow.privatelink.kit.testing.RecordedSpans;
import io.dataflow.privatelink.kit.testing.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

    @org.junit.jupiter.api.BeforeEach
    void actAsEditor() {
        TestTokens.actAsEditorOfProjectA();
        ContractValidation.install();
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI base;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @io.quarkus.test.common.http.TestHTTPResource(value = "metrics", management = true)
    java.net.URL metrics;

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
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count("SELECT count(*) FROM outbox_event") == 0);
    }

    @Test
    void eachCreateIsPublishedInTheTraceOfItsOwnRequestThoughCreatesAreWrittenInGroups() throws Exception {
        int creates = 8;
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(creates);
        Map<String, String> traceById = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            List<java.util.concurrent.Future<?>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < creates; i++) {
                String trace = java.util.UUID.randomUUID().toString().replace("-", "");
                calls.add(callers.submit(() -> traceById.put(given().contentType(ContentType.JSON)
                        .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                        .body(createBody("traced-kafka", "AWS_ENDPOINT_SERVICE", AWS_SERVICE))
                        .post("/v1beta1/clusters/1001/privateLinkConnections")
                        .then().statusCode(200).extract().<String>path("privateLinkConnectionId"), trace)));
            }
            for (java.util.concurrent.Future<?> call : calls) {
                call.get();
            }
        } finally {
            callers.shutdownNow();
        }
        try (TopicProbe probe = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_REQUESTS)) {
            for (Map.Entry<String, String> created : traceById.entrySet()) {
                ConsumerRecord<String, String> record = probe.awaitRecord(r -> created.getKey().equals(r.key()),
                        Duration.ofSeconds(30));
                String traceParent = new String(record.headers().lastHeader("traceparent").value(),
                        java.nio.charset.StandardCharsets.UTF_8);
                assertEquals(created.getValue(), traceParent.split("-", -1)[1], "the create of " + created.getKey());
            }
        }
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

    /** The validator's rules are CreateConnectionValidatorTest's table; here, what reaches a caller over HTTP. */
    @Test
    void refusedCreatesAnswerWithTheErrorBodyAndStoreNothing() {
        long before = Sql.count("SELECT count(*) FROM connection");
        refuse("1001", createBody("x", "AWS_ENDPOINT_SERVICE", "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0"),
                400, 3, "Set awsEndpointService.region to eu-west-1");
        refuse("1002", createBody("x", "AWS_ENDPOINT_SERVICE", AWS_SERVICE), 400, 3,
                "runs on ALICLOUD: use ALICLOUD_ENDPOINT_SERVICE");
        refuse("1001", "{\"privateLinkConnection\": {", 400, 3, "not valid JSON");
        refuse("1001", createBody("x", "GCP_ENDPOINT_SERVICE", AWS_SERVICE), 400, 3, "not valid JSON");
        refuse("1001", "{}", 400, 3, "The request body must be");
        refuse("1001", """
                {"privateLinkConnection": {"displayName": "x", "type": "AWS_ENDPOINT_SERVICE", "colour": "red",
                 "awsEndpointService": {"name": "%s"}}}""".formatted(AWS_SERVICE), 400, 3, "unknown field 'colour'");
        refuse("1001", createBody("x".repeat(70_000), "AWS_ENDPOINT_SERVICE", AWS_SERVICE), 413, 3,
                "this API accepts at most 65536");
        refuse("9999", createBody("x", "AWS_ENDPOINT_SERVICE", AWS_SERVICE), 404, 5, "Cluster 9999 was not found");
        assertEquals(before, Sql.count("SELECT count(*) FROM connection"));
    }

    @Test
    void deleteMarksTheConnectionDeletingAndEmitsTheRequest() {
        Metrics before = Metrics.scrape(metrics);
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

        // plc_commands_total counts each command by kind and outcome
        Metrics after = Metrics.scrape(metrics);
        for (String[] series : new String[][] {{"create", "OK"}, {"delete", "OK"}, {"delete", "NOT_FOUND"}}) {
            assertEquals(before.sum("plc_commands_total", "kind", series[0], "outcome", series[1]) + 1,
                    after.sum("plc_commands_total", "kind", series[0], "outcome", series[1]), String.join(" ", series));
        }
    }

    @Test
    void renameChangesTheDisplayNameAnnouncesItOnceAndIsRefusedWhileDeleting() {
        String id = create();
        String path = "/v1beta1/clusters/1001/privateLinkConnections/" + id;
        given().contentType(ContentType.JSON)
                .body("{\"privateLinkConnection\": {\"displayName\": \" orders-eu \"}, \"updateMask\": \"displayName\"}")
                .patch(path).then().statusCode(200)
                .body("displayName", equalTo("orders-eu")).body("privateLinkConnectionId", equalTo(id));
        assertEquals("orders-eu", Sql.text("SELECT display_name FROM connection WHERE connection_id = ?1", id));
        // the same name again: nothing changes, nothing more is announced
        given().contentType(ContentType.JSON)
                .body("{\"privateLinkConnection\": {\"displayName\": \"orders-eu\"}, \"updateMask\": \"displayName\"}")
                .patch(path).then().statusCode(200).body("displayName", equalTo("orders-eu"));
        try (TopicProbe probe = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_REQUESTS)) {
            var renamed = probe.awaitRecord(r -> id.equals(r.key())
                    && EventTypes.CONNECTION_RENAMED.equals(header(r, "ce_type")), Duration.ofSeconds(30));
            ConnectionRenamed payload = CloudEventKafka.fromRecord(renamed).dataAs(ConnectionRenamed.class);
            assertEquals("orders-eu", payload.displayName());
            assertEquals(2, payload.version(), "the connection's second command");
            assertEquals(1, probe.readToEnd().stream().filter(r -> id.equals(r.key())
                    && EventTypes.CONNECTION_RENAMED.equals(header(r, "ce_type"))).count(), "announced once");
        }

        given().contentType(ContentType.JSON).body("{\"privateLinkConnection\": {\"displayName\": \"x\"}, \"updateMask\": \"type\"}")
                .patch(path).then().statusCode(400).body("code", equalTo(3))
                .body("message", containsString("only \"displayName\" can be updated"));
        given().contentType(ContentType.JSON).body("{\"privateLinkConnection\": {\"displayName\": \"x\"}, \"updateMask\": \"displayName\"}")
                .patch("/v1beta1/clusters/1001/privateLinkConnections/plc-doesnotexist").then().statusCode(404)
                .body("code", equalTo(5));
        given().delete(path).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"privateLinkConnection\": {\"displayName\": \"y\"}, \"updateMask\": \"displayName\"}")
                .patch(path).then().statusCode(400).body("code", equalTo(9))
                .body("message", containsString("is being deleted and can no longer be renamed"));
        assertEquals("orders-eu", Sql.text("SELECT display_name FROM connection WHERE connection_id = ?1", id));
    }

    @Test
    void followsTheWorkersReportsAndIgnoresOneOlderThanTheLatest() {
        String id = create();
        sendState(id, ConnectionState.PENDING_ACCEPTANCE, 1);
        sendState(id, ConnectionState.ACTIVE, 2);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "ACTIVE".equals(Sql.text("SELECT state FROM connection WHERE connection_id = ?1", id)));
        assertEquals("vpce-0123", Sql.text("SELECT endpoint_id FROM connection WHERE connection_id = ?1", id));

        // An older report arriving late (a worker replaying its outbox after a crash): changes nothing.
        CloudEvent late = sendState(id, ConnectionState.PENDING_ACCEPTANCE, 1);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count("SELECT count(*) FROM processed_event WHERE event_id = ?1", late.id()) == 1);
        assertEquals("ACTIVE", Sql.text("SELECT state FROM connection WHERE connection_id = ?1", id));
    }

    @Test
    void followingAWorkersReportIsASpanOfTheTraceTheReportCarries() {
        String id = create();
        String trace = java.util.UUID.randomUUID().toString().replace("-", "");
        CloudEvent event = CloudEvent.of(EventTypes.CONNECTION_STATE_CHANGED, "/test/worker", id, Instant.now(),
                new ConnectionStateChanged(id, "1001", ConnectionState.ACTIVE, null, "vpce-0123", List.of("use1-az1"),
                        Instant.now(), 1));
        org.apache.kafka.clients.producer.ProducerRecord<String, String> record =
                CloudEventKafka.toRecord(Topics.CONNECTION_STATE, id, event);
        record.headers().add("traceparent", RecordedSpans.callerTraceParent(trace, "00f067aa0ba902b7")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        TopicProbe.send(bootstrapServers, record);

        io.opentelemetry.sdk.trace.data.SpanData followed = RecordedSpans.await(trace,
                io.opentelemetry.api.trace.SpanKind.CONSUMER, ("process " + Topics.CONNECTION_STATE)::equals,
                Duration.ofSeconds(30));
        assertEquals("00f067aa0ba902b7", followed.getParentSpanId(), "a child of the worker's publish");
        assertEquals("ACTIVE", Sql.text("SELECT state FROM connection WHERE connection_id = ?1", id));
    }

    @Test
    void aCreateRetriedWithItsIdempotencyKeyAnswersTheFirstResultAndCreatesNothingMore() {
        String key = java.util.UUID.randomUUID().toString();
        long before = Sql.count("SELECT count(*) FROM connection");
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(createBody("retried", "AWS_ENDPOINT_SERVICE", AWS_SERVICE))
                .post("/v1beta1/clusters/1001/privateLinkConnections")
                .then().statusCode(200).extract().path("privateLinkConnectionId");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(createBody("retried", "AWS_ENDPOINT_SERVICE", AWS_SERVICE))
                .post("/v1beta1/clusters/1001/privateLinkConnections")
                .then().statusCode(200).body("privateLinkConnectionId", equalTo(first))
                .body("state", equalTo("CREATING"));
        assertEquals(before + 1, Sql.count("SELECT count(*) FROM connection"));
        try (TopicProbe probe = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_REQUESTS)) {
            probe.awaitRecord(r -> first.equals(r.key()), Duration.ofSeconds(30));
            assertEquals(1, probe.readToEnd().stream().filter(r -> first.equals(r.key())).count(),
                    "one ConnectionRequested");
        }

        // The same key for another request is refused, and changes nothing.
        refuse("1001", createBody("something else", "AWS_ENDPOINT_SERVICE", AWS_SERVICE), 400, 3,
                "was already used for a different create request", key);
        refuse("1001", createBody("x", "AWS_ENDPOINT_SERVICE", AWS_SERVICE), 400, 3,
                "Idempotency-Key must be 1 to 255 printable ASCII characters", "has spaces");
        assertEquals(before + 1, Sql.count("SELECT count(*) FROM connection"));
        // Without a key, the same body makes a second connection, as the contract says.
        create();
        assertEquals(before + 2, Sql.count("SELECT count(*) FROM connection"));
    }

    @Test
    void racingRetriesWithOneIdempotencyKeyMakeOneConnection() throws Exception {
        String key = java.util.UUID.randomUUID().toString();
        String body = createBody("raced", "AWS_ENDPOINT_SERVICE", AWS_SERVICE);
        long before = Sql.count("SELECT count(*) FROM connection");
        String token = TestTokens.editorOfProjectA();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base + "v1beta1/clusters/1001/privateLinkConnections"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> racing = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racing.add(http.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofString()));
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (var answer : racing) {
            var response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
            ids.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body())
                    .path("privateLinkConnectionId").asText());
        }
        assertEquals(1, ids.size(), "every racing retry got the one connection: " + ids);
        assertEquals(before + 1, Sql.count("SELECT count(*) FROM connection"));
    }

    private CloudEvent sendState(String id, ConnectionState state, long version) {
        CloudEvent event = CloudEvent.of(EventTypes.CONNECTION_STATE_CHANGED, "/test/worker", id, Instant.now(),
                new ConnectionStateChanged(id, "1001", state, null, "vpce-0123", List.of("use1-az1"), Instant.now(),
                        version));
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(Topics.CONNECTION_STATE, id, event));
        return event;
    }

    private String create() {
        return given().contentType(ContentType.JSON)
                .body(createBody("db", "AWS_ENDPOINT_SERVICE", AWS_SERVICE))
                .post("/v1beta1/clusters/1001/privateLinkConnections")
                .then().statusCode(200).extract().path("privateLinkConnectionId");
    }

    private static void refuse(String cluster, String body, int status, int code, String message) {
        refuse(cluster, body, status, code, message, null);
    }

    private static void refuse(String cluster, String body, int status, int code, String message,
                               String idempotencyKey) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        request
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


}
