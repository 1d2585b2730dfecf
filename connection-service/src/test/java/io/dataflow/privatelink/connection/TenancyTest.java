package io.dataflow.privatelink.connection;

import io.dataflow.privatelink.contract.auth.Role;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Authentication, tenant isolation and roles across every operation: cluster 1001 belongs to project-a,
 * cluster 2001 to project-b. Another tenant's cluster answers exactly like a missing one.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "connection_service"))
@QuarkusTestResource(TestTokens.class)
class TenancyTest {

    @jakarta.inject.Inject
    io.dataflow.privatelink.connection.security.AuditRetention auditRetention;

    @jakarta.inject.Inject
    io.dataflow.privatelink.connection.security.UnauthenticatedRequests unauthenticatedRequests;

    private static final String SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
    private static final String CREATE = """
            {"privateLinkConnection": {"displayName": "x", "type": "AWS_ENDPOINT_SERVICE", "awsEndpointService": {"name": "%s"}}}"""
            .formatted(SERVICE);

    /** Every operation of the API, as method + path under /v1beta1/clusters/{cluster} + body. */
    private record Operation(String method, String path, String body, boolean writes) {
    }

    private static final List<Operation> OPERATIONS = List.of(
            new Operation("POST", "/privateLinkConnections", CREATE, true),
            new Operation("GET", "/privateLinkConnections", null, false),
            new Operation("GET", "/privateLinkConnections/ID", null, false),
            new Operation("GET", "/privateLinkConnections/ID/history", null, false),
            new Operation("DELETE", "/privateLinkConnections/ID", null, true),
            new Operation("GET", "/privateLinkConnections:getAvailabilityZones", null, false),
            new Operation("GET", "/privateLinkConnections:getQuota", null, false),
            new Operation("GET", "/privateLinkConnections:lookupHost?hostname=b1.x.example", null, false),
            new Operation("GET", "/privateLinkConnections:watch", null, false),
            new Operation("POST", "/privateLinkConnections/ID:attachDomains",
                    "{\"attachDomain\": {\"type\": \"TIDBCLOUD_MANAGED\"}, \"validateOnly\": true}", true),
            new Operation("POST", "/privateLinkConnections/ID:detachDomains", "{\"attachDomainId\": \"plcd-x\"}", true));

    @BeforeEach
    void noDefaultToken() {
        RestAssured.requestSpecification = null;
        ContractValidation.install();
    }

    @Test
    void anotherProjectsClusterIsNotFoundForEveryOperationExactlyLikeAMissingOne() {
        // A connection that exists in project-b, so its id is real.
        String foreignId = call(TestTokens.token("bob", Map.of("project-b", Role.EDITOR)),
                new Operation("POST", "/privateLinkConnections", CREATE, true), "2001", null)
                .statusCode(200).extract().path("privateLinkConnectionId");
        String alice = TestTokens.token("alice", Map.of("project-a", Role.EDITOR));
        for (Operation operation : OPERATIONS) {
            String foreign = call(alice, operation, "2001", foreignId).statusCode(404).body("code", equalTo(5))
                    .extract().path("message");
            String missing = call(alice, operation, "9999", foreignId).statusCode(404).extract().path("message");
            org.junit.jupiter.api.Assertions.assertEquals(missing.replace("9999", "2001"), foreign,
                    operation + " tells a foreign cluster from a missing one");
        }
    }

    @Test
    void aViewerReadsButEveryWriteIsPermissionDenied() {
        String viewer = TestTokens.token("victor", Map.of("project-a", Role.VIEWER));
        call(viewer, new Operation("GET", "/privateLinkConnections:getAvailabilityZones", null, false), "1001", "x")
                .statusCode(200);
        for (Operation operation : OPERATIONS.stream().filter(Operation::writes).toList()) {
            call(viewer, operation, "1001", "plc-x").statusCode(403).body("code", equalTo(7))
                    .body("message", containsString("may read this cluster's private link connections but not change"));
        }
    }

    @Test
    void requestsWithoutAValidTokenAreUnauthenticated() {
        Operation list = new Operation("GET", "/privateLinkConnections:getAvailabilityZones", null, false);
        call(null, list, "1001", "x").statusCode(401).body("code", equalTo(16))
                .body("message", containsString("Authorization: Bearer"));
        call("not-a-jwt", list, "1001", "x").statusCode(401).body("code", equalTo(16));
        // each kind of bad token, and a rotated key: TokenVerificationTest
    }

    @Test
    void oddClusterIdsAreNotFoundOrRefusedNeverServerErrors() {
        String alice = TestTokens.token("alice", Map.of("project-a", Role.EDITOR));
        // cluster id as sent → status, google.rpc code: no such cluster, or (a control character) bad input
        Map<String, List<Integer>> expected = new java.util.LinkedHashMap<>();
        expected.put("%20", List.of(404, 5));
        expected.put("%F0%9F%92%A5", List.of(404, 5));
        expected.put("..", List.of(404, 5));
        expected.put("%00", List.of(400, 3));
        expected.forEach((cluster, answer) -> given().urlEncodingEnabled(false).header("Authorization", "Bearer " + alice)
                .delete("/v1beta1/clusters/" + cluster + "/privateLinkConnections/history")
                .then().statusCode(answer.get(0)).body("code", equalTo(answer.get(1))));
    }

    @Test
    void createdByIsTheCallersIdentity() {
        String carol = TestTokens.token("carol@example.com", Map.of("project-a", Role.EDITOR));
        call(carol, OPERATIONS.get(0), "1001", null).statusCode(200).body("createdBy", equalTo("carol@example.com"));
    }

    @Test
    void everyCommandAcceptedOrRefusedLeavesAnAuditRecord() throws Exception {
        long before = lastAuditSeq();
        String carol = TestTokens.token("carol@example.com", Map.of("project-a", Role.EDITOR));
        String viewer = TestTokens.token("victor", Map.of("project-a", Role.VIEWER));
        String id = call(carol, OPERATIONS.get(0), "1001", null).statusCode(200)
                .extract().path("privateLinkConnectionId");
        call(carol, new Operation("POST", "/privateLinkConnections", "{}", true), "1001", null).statusCode(400);
        call(viewer, new Operation("DELETE", "/privateLinkConnections/ID", null, true), "1001", id).statusCode(403);
        call(null, new Operation("DELETE", "/privateLinkConnections/ID", null, true), "1001", id).statusCode(401);

        List<String> expected = List.of(
                "carol@example.com POST /v1beta1/clusters/{clusterId}/privateLinkConnections 1001 null ACCEPTED null",
                "carol@example.com POST /v1beta1/clusters/{clusterId}/privateLinkConnections 1001 null REFUSED 3",
                "victor DELETE /v1beta1/clusters/{clusterId}/privateLinkConnections/{privateLinkConnectionId} 1001 "
                        + id + " REFUSED 7");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> auditAfter(before).size() == expected.size());
        org.junit.jupiter.api.Assertions.assertEquals(expected, auditAfter(before));
    }

    /** The console's cluster list: the caller's projects' clusters only, each with the caller's role there. */
    @Test
    void theClusterListHoldsOnlyTheCallersProjectsClustersWithTheRoleInEach() {
        String viewerOfA = TestTokens.token("vera", Map.of("project-a", Role.VIEWER));
        given().header("Authorization", "Bearer " + viewerOfA).get("/v1beta1/clusters").then().statusCode(200)
                .body("clusters.clusterId", org.hamcrest.Matchers.containsInAnyOrder("1001", "1002"))
                .body("clusters.role", org.hamcrest.Matchers.everyItem(equalTo("VIEWER")));
        String mixed = TestTokens.token("max", Map.of("project-a", Role.VIEWER, "project-b", Role.EDITOR));
        given().header("Authorization", "Bearer " + mixed).get("/v1beta1/clusters").then().statusCode(200)
                .body("clusters.find { it.clusterId == '2001' }.role", equalTo("EDITOR"))
                .body("clusters.find { it.clusterId == '2001' }.projectId", equalTo("project-b"))
                .body("clusters.find { it.clusterId == '1001' }.role", equalTo("VIEWER"));
        given().get("/v1beta1/clusters").then().statusCode(401).body("code", equalTo(16));
    }

    /** A flood without tokens costs a counter per source and minute, not an audit row per request. */
    @Test
    void requestsWithoutAValidTokenAreCountedPerSourceAndMinuteNotRecordedOneByOne() throws Throwable {
        long before = lastAuditSeq();
        // what earlier tests' refusals left in memory is written first, so the baseline holds all of them
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> unauthenticatedRequests.flush());
        long countedBefore = unauthenticatedCounted();
        for (int i = 0; i < 25; i++) {
            call(i % 2 == 0 ? null : "not-a-jwt", OPERATIONS.get(0), "1001", null).statusCode(401);
        }

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> unauthenticatedCounted() - countedBefore == 25);
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), auditAfter(before), "no audit row for a 401");
        org.junit.jupiter.api.Assertions.assertTrue(io.dataflow.privatelink.kit.testing.Sql.count("""
                SELECT count(*) FROM unauthenticated_request_count
                WHERE minute >= date_trunc('minute', now()) - interval '1 minute'""") <= 2,
                "one row per source and minute (the burst may straddle a minute)");
    }

    @Test
    void auditRecordsAndCountsOlderThanTheRetentionArePurged() throws Throwable {
        String marker = "purge-" + java.util.UUID.randomUUID();
        io.dataflow.privatelink.kit.testing.Sql.execute("""
                INSERT INTO audit_record (at, subject, action, outcome, http_status)
                VALUES (now() - interval '401 days', ?1, 'POST old', 'ACCEPTED', 200),
                       (now() - interval '399 days', ?1, 'POST kept', 'ACCEPTED', 200)""", marker);
        io.dataflow.privatelink.kit.testing.Sql.execute("""
                INSERT INTO unauthenticated_request_count (minute, source, requests)
                VALUES (date_trunc('minute', now()) - interval '31 days', ?1, 3),
                       (date_trunc('minute', now()) - interval '29 days', ?1, 4)""", marker);

        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> auditRetention.purgeExpired());

        org.junit.jupiter.api.Assertions.assertEquals(List.of("POST kept"), io.dataflow.privatelink.kit.testing.Sql.texts(
                "SELECT action FROM audit_record WHERE subject = ?1", marker));
        org.junit.jupiter.api.Assertions.assertEquals(List.of("4"), io.dataflow.privatelink.kit.testing.Sql.texts(
                "SELECT requests::text FROM unauthenticated_request_count WHERE source = ?1", marker));
    }

    private long unauthenticatedCounted() {
        return io.dataflow.privatelink.kit.testing.Sql.count(
                "SELECT COALESCE(sum(requests), 0) FROM unauthenticated_request_count WHERE source <> 'other'");
    }

    private long lastAuditSeq() {
        return io.dataflow.privatelink.kit.testing.Sql.count("SELECT COALESCE(max(seq), 0) FROM audit_record");
    }

    private List<String> auditAfter(long seq) {
        return io.dataflow.privatelink.kit.testing.Sql.texts("""
                SELECT coalesce(subject, 'null') || ' ' || action || ' ' || coalesce(cluster_id, 'null') || ' '
                       || coalesce(target, 'null') || ' ' || outcome || ' ' || coalesce(code::text, 'null')
                FROM audit_record WHERE action NOT LIKE 'GET %' AND seq > ?1 ORDER BY seq""", seq);
    }

    private static ValidatableResponse call(String token, Operation operation, String cluster, String connectionId) {
        RequestSpecification request = given().urlEncodingEnabled(false);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (operation.body() != null) {
            request.contentType(ContentType.JSON).body(operation.body());
        }
        String path = "/v1beta1/clusters/" + cluster + operation.path().replace("ID", String.valueOf(connectionId));
        return request.request(operation.method(), path).then();
    }
}
