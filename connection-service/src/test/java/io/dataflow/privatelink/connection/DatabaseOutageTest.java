package io.dataflow.privatelink.connection;

import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.infra.SharedInfra;
import io.dataflow.privatelink.kit.testing.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** While the database is down the API says so (503, UNAVAILABLE, Retry-After), changes nothing, and recovers. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "connection_service"))
@QuarkusTestResource(TestTokens.class)
class DatabaseOutageTest {

    private static final String AWS_SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

    @BeforeEach
    void actAsEditor() {
        TestTokens.actAsEditorOfProjectA();
        ContractValidation.install();
    }

    @Test
    void aCommandDuringAnOutageIsAnsweredUnavailableAndItsRetryWithTheSameKeyCreatesOnce() {
        String key = UUID.randomUUID().toString();
        String body = ConnectionCommandsTest.createBody("during-outage", "AWS_ENDPOINT_SERVICE", AWS_SERVICE);
        long before = Sql.count("SELECT count(*) FROM connection");
        given().urlEncodingEnabled(false).get("/v1beta1/clusters/1001/privateLinkConnections:getAvailabilityZones")
                .then().statusCode(200); // the cluster, looked up once, is kept in memory
        SharedInfra.killPostgres();
        try {
            given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                    .post("/v1beta1/clusters/1001/privateLinkConnections")
                    .then().statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("code", equalTo(14))
                    .body("message", containsString("temporarily unavailable"));
            given().delete("/v1beta1/clusters/1001/privateLinkConnections/plc-aaaaaaaaaaaaaaaaaaaaaaaaaa")
                    .then().statusCode(503).body("code", equalTo(14));
            // What needs no database still answers: the cluster's zones.
            given().urlEncodingEnabled(false).get("/v1beta1/clusters/1001/privateLinkConnections:getAvailabilityZones")
                    .then().statusCode(200);
        } finally {
            SharedInfra.startPostgresAgain();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body)
                .post("/v1beta1/clusters/1001/privateLinkConnections").then().statusCode(200));
        String id = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/v1beta1/clusters/1001/privateLinkConnections")
                .then().statusCode(200).extract().path("privateLinkConnectionId");
        assertEquals(before + 1, Sql.count("SELECT count(*) FROM connection"), "the create took effect once");
        assertEquals("during-outage", Sql.text("SELECT display_name FROM connection WHERE connection_id = ?1", id));
    }
}
