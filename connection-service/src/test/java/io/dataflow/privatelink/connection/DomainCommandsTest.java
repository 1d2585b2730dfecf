package io.dataflow.privatelink.connection;

import io.dataflow.privatelink.contract.ConnectionState;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.domains.DomainState;
import io.dataflow.privatelink.contract.event.CloudEvent;
import io.dataflow.privatelink.contract.event.ConnectionStateChanged;
import io.dataflow.privatelink.contract.event.DomainAttachRequested;
import io.dataflow.privatelink.contract.event.DomainDetached;
import io.dataflow.privatelink.contract.event.DomainStateChanged;
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
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Attach and detach as connection-service accepts them: rules, refusals, stored rows and emitted events. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "connection_service"))
@QuarkusTestResource(TestTokens.class)
class DomainCommandsTest {

    private static final String AWS_SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
    private static final String DOMAIN_EVENTS = "io.dataflow.privatelink.domain.";
    private static final String ALI_SERVICE = "com.aliyuncs.privatelink.cn-hangzhou.epsrv-bp1abcdefghij1234567";

    @Inject
    Pool pool;

    @org.junit.jupiter.api.BeforeEach
    void actAsEditor() {
        TestTokens.actAsEditorOfProjectA();
        ContractValidation.install();
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void managedDryRunGeneratesANameAndChangesNothingThenAttachEmitsThePlan() {
        String id = activeConnection("1001", List.of("use1-az1", "use1-az2"));
        long before = Sql.count("SELECT count(*) FROM attached_domain");

        String unique = attach("1001", id, "TIDBCLOUD_MANAGED", null, true).statusCode(200)
                .body("uniqueName", matchesPattern("[a-z2-7]{26}"))
                .body("attachDomainId", nullValue())
                .body("type", equalTo("TIDBCLOUD_MANAGED"))
                .extract().path("uniqueName");
        attach("1001", id, "TIDBCLOUD_MANAGED", null, true).statusCode(200)
                .body("uniqueName", org.hamcrest.Matchers.not(equalTo(unique)));
        assertEquals(before, Sql.count("SELECT count(*) FROM attached_domain"));

        String attachId = attach("1001", id, "TIDBCLOUD_MANAGED", unique, false).statusCode(200)
                .body("attachDomainId", matchesPattern("plcd-[a-z2-7]{26}"))
                .body("privateLinkConnectionId", equalTo(id))
                .body("uniqueName", equalTo(unique))
                .body("createdBy", equalTo(TestTokens.EDITOR))
                .body("domains.name", equalTo(List.of("*.use1-az1." + unique + ".aws.plc.tidbcloud.com",
                        "*.use1-az2." + unique + ".aws.plc.tidbcloud.com")))
                .body("domains.state", everyItem(equalTo("CREATING")))
                .extract().path("attachDomainId");

        try (TopicProbe probe = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_REQUESTS)) {
            ConsumerRecord<String, String> record = probe.awaitRecord(r -> id.equals(r.key())
                    && EventTypes.DOMAIN_ATTACH_REQUESTED.equals(header(r, "ce_type")), Duration.ofSeconds(30));
            DomainAttachRequested requested = CloudEventKafka.fromRecord(record).dataAs(DomainAttachRequested.class);
            assertEquals(attachId, requested.attachDomainId());
            assertEquals(unique + ".aws.plc.tidbcloud.com", requested.zoneName());
            assertEquals("use1-az2", requested.records().get(1).target().azId());
        }
    }

    @Test
    void confluentNamesGiveTheRegionalAndZonalWildcards() {
        String id = activeConnection("1001", List.of("use1-az1"));
        attach("1001", id, "CONFLUENT", "n1abc2.us-east-1", true).statusCode(200)
                .body("domains.name", equalTo(List.of("*.n1abc2.us-east-1.aws.confluent.cloud",
                        "*.use1-az1.n1abc2.us-east-1.aws.confluent.cloud")));
        attach("1001", id, "CONFLUENT", "n1abc2.us-east-1", false).statusCode(200)
                .body("domains.state", everyItem(equalTo("CREATING")));
    }

    @Test
    void alibabaCloudConnectionsGetOneWildcardUnderTheirUniqueName() {
        String id = activeConnection("1002", List.of("cn-hangzhou-i"));
        String unique = attach("1002", id, "TIDBCLOUD_MANAGED", null, true).statusCode(200)
                .extract().path("uniqueName");
        attach("1002", id, "TIDBCLOUD_MANAGED", unique, false).statusCode(200)
                .body("domains.name", equalTo(List.of("*." + unique + ".alicloud.plc.tidbcloud.com")));
    }

    @Test
    void everyRefusalSaysWhyAndStoresNothing() {
        // The validator's combinations are AttachDomainValidatorTest's table; here, one of each kind over HTTP.
        String aws = activeConnection("1001", List.of("use1-az1"));
        String ali = activeConnection("1002", List.of("cn-hangzhou-i"));
        String creating = createConnection("1001", "AWS_ENDPOINT_SERVICE", AWS_SERVICE);
        String taken = "abcdefghijklmnopqrstuvwxyz";
        attach("1001", aws, "TIDBCLOUD_MANAGED", taken, false).statusCode(200);
        long before = Sql.count("SELECT count(*) FROM attached_domain");

        refuse(attach("1002", ali, "CONFLUENT", "n1abc2.cn-hangzhou", true), 400, 3,
                "CONFLUENT domains cannot be attached to ALICLOUD_ENDPOINT_SERVICE connections; they support TIDBCLOUD_MANAGED");
        refuse(attach("1001", aws, "CONFLUENT", "n1abc2.eu-west-1", false), 400, 3,
                "is in region eu-west-1, but connection " + aws + " reaches a service in us-east-1");
        refuse(attach("1001", creating, "TIDBCLOUD_MANAGED", null, true), 400, 9,
                "PENDING_ACCEPTANCE or ACTIVE (its endpoint must exist); connection " + creating + " is CREATING");
        refuse(attach("1001", aws, "TIDBCLOUD_MANAGED", taken, false), 409, 6,
                "already attached to this connection (attachDomainId plcd-");
        String other = activeConnection("1001", List.of("use1-az1"));
        refuse(attach("1001", other, "TIDBCLOUD_MANAGED", taken, true), 409, 6,
                "already attached to another connection");
        refuse(attach("1001", "plc-doesnotexist", "TIDBCLOUD_MANAGED", null, true), 404, 5, "was not found");
        refuse(attach("1002", aws, "TIDBCLOUD_MANAGED", null, true), 404, 5, "was not found in cluster 1002");
        refuse(post("1001", aws, ":attachDomains", "{}"), 400, 3, "The request body must be");
        refuse(post("1001", aws, ":attachDomains", "{\"attachDomain\": "), 400, 3, "not valid JSON");
        refuse(post("1001", aws, ":detachDomains", "{}"), 400, 3, "attachDomainId is required");

        assertEquals(before, Sql.count("SELECT count(*) FROM attached_domain"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count("SELECT count(*) FROM outbox_event") == 0);
        try (TopicProbe probe = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_REQUESTS)) {
            List<String> refusedOn = List.of(ali, creating, other);
            assertEquals(List.of(), probe.readToEnd().stream()
                    .filter(r -> refusedOn.contains(r.key()) && header(r, "ce_type").startsWith(DOMAIN_EVENTS))
                    .toList());
        }
    }

    @Test
    void detachRemovesExactlyThatAttachmentAndRefusesUnknownOrForeignIds() {
        String id = activeConnection("1001", List.of("use1-az1"));
        String other = activeConnection("1001", List.of("use1-az1"));
        String first = attachManaged("1001", id);
        String second = attachManaged("1001", id);
        String foreign = attachManaged("1001", other);

        refuse(detach("1001", id, "plcd-unknown"), 404, 5, "Attached domain plcd-unknown was not found");
        refuse(detach("1001", id, foreign), 404, 5, "was not found on private link connection " + id);

        detach("1001", id, first).statusCode(200)
                .body("attachDomainId", equalTo(first))
                .body("domains.state", everyItem(equalTo("DELETING")));
        detach("1001", id, first).statusCode(200).body("domains.state", everyItem(equalTo("DELETING")));
        assertEquals("DELETING", Sql.text("SELECT state FROM attached_domain WHERE attach_domain_id = '" + first + "'"));
        assertEquals("CREATING", Sql.text("SELECT state FROM attached_domain WHERE attach_domain_id = '" + second + "'"));
        try (TopicProbe probe = TopicProbe.fromBeginning(bootstrapServers, Topics.CONNECTION_REQUESTS)) {
            probe.awaitRecords(r -> id.equals(r.key())
                    && EventTypes.DOMAIN_DETACH_REQUESTED.equals(header(r, "ce_type")), 1, Duration.ofSeconds(30));
            // Everything the topic holds, not just the first match: the repeated detach emitted nothing.
            assertEquals(1, probe.readToEnd().stream().filter(r -> id.equals(r.key())
                    && EventTypes.DOMAIN_DETACH_REQUESTED.equals(header(r, "ce_type"))).count());
        }

        // The worker reports the attachment gone: it leaves the aggregate.
        send(EventTypes.DOMAIN_DETACHED, id, new DomainDetached(first, id, "1001", Instant.now(), 3));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count("SELECT count(*) FROM attached_domain WHERE attach_domain_id = '" + first + "'") == 0);
    }

    /** Found by the chaos harness: a report removing an attachment under a running delete failed the delete with a 500. */
    @Test
    void aWorkerReportOnAnAttachmentWaitsForACommandHoldingItsConnection() {
        String id = activeConnection("1001", List.of("use1-az1"));
        String attachId = attachManaged("1001", id);
        String count = "SELECT count(*) FROM attached_domain WHERE attach_domain_id = '" + attachId + "'";
        // A command (delete, detach) holds the connection's row, between reading its attachments and writing them.
        SqlConnection command = pool.getConnection().await().indefinitely();
        try {
            command.query("BEGIN").execute().await().indefinitely();
            command.preparedQuery("SELECT 1 FROM connection WHERE connection_id = $1 FOR UPDATE")
                    .execute(Tuple.of(id)).await().indefinitely();
            send(EventTypes.DOMAIN_DETACHED, id, new DomainDetached(attachId, id, "1001", Instant.now(), 3));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> Sql.count(count) == 1);
            command.query("COMMIT").execute().await().indefinitely();
        } finally {
            command.close().await().indefinitely();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(count) == 0);
    }

    @Test
    void followsDomainStatesButALateReportDoesNotUndoADetach() {
        String id = activeConnection("1001", List.of("use1-az1"));
        String attachId = attachManaged("1001", id);
        String name = Sql.text("SELECT zone_name FROM attached_domain WHERE attach_domain_id = '" + attachId + "'");
        List<Domain> active = List.of(new Domain("*.use1-az1." + name, "ACTIVE", null));

        send(EventTypes.DOMAIN_STATE_CHANGED, id,
                new DomainStateChanged(attachId, id, "1001", DomainState.ACTIVE, active, Instant.now(), 1));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "ACTIVE".equals(Sql.text("SELECT state FROM attached_domain WHERE attach_domain_id = '" + attachId + "'")));

        detach("1001", id, attachId).statusCode(200);
        // Newer by the worker's version: only the detach the user asked for holds it back.
        CloudEvent late = send(EventTypes.DOMAIN_STATE_CHANGED, id,
                new DomainStateChanged(attachId, id, "1001", DomainState.ACTIVE, active, Instant.now(), 2));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count("SELECT count(*) FROM processed_event WHERE event_id = '" + late.id() + "'") == 1);
        assertEquals("DELETING", Sql.text("SELECT state FROM attached_domain WHERE attach_domain_id = '" + attachId + "'"));
    }

    @Test
    void deletingAConnectionMarksItsDomainsDeleting() {
        String id = activeConnection("1001", List.of("use1-az1"));
        String attachId = attachManaged("1001", id);

        given().delete("/v1beta1/clusters/1001/privateLinkConnections/" + id).then().statusCode(200);

        assertEquals("DELETING", Sql.text("SELECT state FROM attached_domain WHERE attach_domain_id = '" + attachId + "'"));
        detach("1001", id, attachId).statusCode(200).body("domains.state", everyItem(equalTo("DELETING")));
    }

    private String attachManaged(String cluster, String id) {
        String unique = attach(cluster, id, "TIDBCLOUD_MANAGED", null, true).statusCode(200).extract().path("uniqueName");
        return attach(cluster, id, "TIDBCLOUD_MANAGED", unique, false).statusCode(200).extract().path("attachDomainId");
    }

    private String activeConnection(String cluster, List<String> azIds) {
        boolean aws = cluster.equals("1001");
        String id = createConnection(cluster, aws ? "AWS_ENDPOINT_SERVICE" : "ALICLOUD_ENDPOINT_SERVICE",
                aws ? AWS_SERVICE : ALI_SERVICE);
        send(EventTypes.CONNECTION_STATE_CHANGED, id, new ConnectionStateChanged(id, cluster, ConnectionState.ACTIVE,
                null, aws ? "vpce-0123" : "ep-bp1test", azIds, Instant.now(), 1));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "ACTIVE".equals(Sql.text("SELECT state FROM connection WHERE connection_id = '" + id + "'")));
        return id;
    }

    private static String createConnection(String cluster, String type, String service) {
        return given().contentType(ContentType.JSON)
                .body(ConnectionCommandsTest.createBody("db", type, service))
                .post("/v1beta1/clusters/" + cluster + "/privateLinkConnections")
                .then().statusCode(200).extract().path("privateLinkConnectionId");
    }

    private CloudEvent send(String type, String connectionId, Object payload) {
        CloudEvent event = CloudEvent.of(type, "/test/worker", connectionId, Instant.now(), payload);
        TopicProbe.send(bootstrapServers, CloudEventKafka.toRecord(Topics.CONNECTION_STATE, connectionId, event));
        return event;
    }

    private static ValidatableResponse attach(String cluster, String id, String type, String uniqueName,
                                              boolean validateOnly) {
        String domain = (type == null ? "" : "\"type\": \"" + type + "\"")
                + (uniqueName == null ? "" : (type == null ? "" : ", ") + "\"uniqueName\": \"" + uniqueName + "\"");
        return post(cluster, id, ":attachDomains",
                "{\"attachDomain\": {" + domain + "}, \"validateOnly\": " + validateOnly + "}");
    }

    private static ValidatableResponse detach(String cluster, String id, String attachDomainId) {
        return post(cluster, id, ":detachDomains", "{\"attachDomainId\": \"" + attachDomainId + "\"}");
    }

    private static ValidatableResponse post(String cluster, String id, String verb, String body) {
        return given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(body)
                .post("/v1beta1/clusters/" + cluster + "/privateLinkConnections/" + id + verb).then();
    }

    private static void refuse(ValidatableResponse response, int status, int code, String message) {
        response.statusCode(status)
                .body("code", equalTo(code))
                .body("message", containsString(message))
                .body("details", equalTo(List.of()));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }


}
